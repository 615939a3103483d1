import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, expect, test } from 'vitest';
import { createDb } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { isStoreUnavailable } from '../../db/store-errors.ts';
import { CommitThread } from '../../src/ingest/commit-thread.ts';
import { prepare } from '../helpers/seed-events.ts';
import { ROOT } from '../helpers/site-build.ts';

const SCRIPT = join(ROOT, 'src/ingest/commit-worker.ts');
const dbPathBefore = process.env.KB_DB_PATH;
afterEach(() => {
  if (dbPathBefore === undefined) delete process.env.KB_DB_PATH;
  else process.env.KB_DB_PATH = dbPathBefore;
});

async function migratedFile(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'lantern-writer-')), 'kb.sqlite');
  const store = createDb(path);
  await migrateToLatest(store.db);
  await store.close();
  return path;
}

const views = (session: string) => prepare([{ type: 'view', session, article: 'connect-shopify', at: '2026-11-02T09:00:06Z' }]);

test('events submitted to the writer thread are in the SQLite file as soon as the submission resolves', async () => {
  process.env.KB_DB_PATH = await migratedFile();
  const thread = new CommitThread(SCRIPT);
  await Promise.all(['session-w1', 'session-w2', 'session-w3'].map((s) => thread.submit(views(s))));
  const file = new SqliteDatabase(process.env.KB_DB_PATH, { readonly: true });
  expect(file.prepare('select key from sessions order by key').pluck().all()).toEqual(['session-w1', 'session-w2', 'session-w3']);
  expect(file.prepare('select count(*) from events').pluck().get()).toBe(3);
  file.close();
});

test('a writer thread that cannot open the store fails its submissions as "store unavailable", and a later submission starts a new one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-writer-'));
  writeFileSync(join(dir, 'not-a-folder'), '');
  process.env.KB_DB_PATH = join(dir, 'not-a-folder', 'kb.sqlite');
  const thread = new CommitThread(SCRIPT);
  const failed = await thread.submit(views('session-w4')).catch((error: unknown) => error);
  expect(isStoreUnavailable(failed)).toBe(true);

  process.env.KB_DB_PATH = await migratedFile();
  await thread.submit(views('session-w5'));
  const file = new SqliteDatabase(process.env.KB_DB_PATH, { readonly: true });
  expect(file.prepare('select key from sessions').pluck().all()).toEqual(['session-w5']);
  file.close();
});
