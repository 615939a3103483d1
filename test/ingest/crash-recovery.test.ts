import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { expect, test } from 'vitest';
import { createDb } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { fixtureSite } from '../helpers/fixture-site.ts';
import { serveSite, type RunningSite } from '../helpers/site-build.ts';
import { newSession, postEvents } from '../helpers/events-client.ts';
import { rollupMismatches } from '../helpers/rollup-consistency.ts';

const QUERIES_PER_BATCH = 5;
const CLIENTS = 8;
const ROUNDS = 4;

/**
 * Clients post batches until the server dies; the server is killed at a random moment after a random number
 * of acknowledgements (so every round crashes mid-load however slow the machine is). Returns the sessions
 * whose batch was answered 202.
 */
async function loadUntilKilled(site: RunningSite): Promise<string[]> {
  const acknowledged: string[] = [];
  const killAfter = 10 + Math.floor(Math.random() * 30);
  let killing: Promise<void> | undefined;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (;;) {
        const session = newSession();
        const events = Array.from({ length: QUERIES_PER_BATCH }, (_, i) => ({
          type: 'search',
          session,
          query: `crash probe ${i}`,
          results: i,
        }));
        try {
          const response = await postEvents(site.url, events, { from: `192.0.2.${client}` });
          if (response.status === 202) acknowledged.push(session);
        } catch {
          return; // the server is gone: whatever was not answered may or may not be stored
        }
        if (acknowledged.length >= killAfter && !killing) {
          killing = new Promise((r) => setTimeout(r, Math.random() * 50)).then(() => site.kill());
        }
      }
    }),
  );
  await killing;
  return acknowledged;
}

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
