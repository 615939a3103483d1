import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { expect, test } from 'vitest';
import { createDb } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { fixtureSite } from '../helpers/fixture-site.ts';
import { serveSite } from '../helpers/site-build.ts';
import { loadUntilKilled, QUERIES_PER_BATCH, ROUNDS } from '../helpers/crash-load.ts';
import { rollupMismatches } from '../helpers/rollup-consistency.ts';

test('after a SIGKILL under load, every event answered 202 is stored exactly once and the database is intact', async () => {
  const dist = fixtureSite();
  const dbPath = join(mkdtempSync(join(tmpdir(), 'lantern-crash-')), 'kb.sqlite');
  const store = createDb(dbPath);
  await migrateToLatest(store.db);
  await store.close();
  const acknowledged: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    acknowledged.push(...(await loadUntilKilled(await serveSite(dist, { KB_DB_PATH: dbPath, KB_RATE_LIMIT_PER_MINUTE: '1000000' }))));
  }
  expect(acknowledged.length).toBeGreaterThanOrEqual(ROUNDS * 10);

  const db = new SqliteDatabase(dbPath);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const count = db.prepare('select count(*) as n from events e join sessions s on s.id = e.session_id where s.key = ?');
    const missing = acknowledged.filter((key) => (count.get(key) as { n: number }).n !== QUERIES_PER_BATCH);
    expect(missing).toEqual([]);
    expect(rollupMismatches(db)).toEqual({});
  } finally {
    db.close();
  }
}, 120_000);
