import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator } from 'kysely/migration';
import { expect, test } from 'vitest';
import { createDb } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { migrations } from '../../db/migrations/index.ts';
import { getSearch } from '../../src/analytics/search.ts';
import { seed } from '../helpers/seed-events.ts';

test('a store made by the first migration, with events in it, is brought to the latest schema and keeps every event', async () => {
  const store = createDb(join(mkdtempSync(join(tmpdir(), 'lantern-migrate-')), 'kb.sqlite'));
  try {
    const first = new Migrator({ db: store.db, provider: { getMigrations: async () => migrations } });
    expect((await first.migrateTo('0001-initial')).error).toBeUndefined();
    const { sqlite } = store;
    sqlite.exec(`insert into queries (text) values ('payroll');
      insert into sessions (key, started_at, last_seen_at) values ('session-old', 0, 0);
      insert into events (ts, type, session_id, query_id, n1) values (0, 2, 1, 1, 0);`);

    expect(await migrateToLatest(store.db)).toEqual(Object.keys(migrations).slice(1));
    expect(sqlite.prepare('select type, query_id, n1, corrected_query_id from events').all()).toEqual([
      { type: 2, query_id: 1, n1: 0, corrected_query_id: null },
    ]);
    // The new schema takes a corrected search at once.
    const at = '2026-11-12T10:00:00Z';
    await seed(store, [
      { type: 'search', session: 'session-new', query: 'payrol', results: 0, corrected: { query: 'payroll', results: 3 }, at },
    ]);
    expect((await getSearch(store.db, { from: '2026-11-01', to: '2026-11-30' })).corrections).toEqual([
      { query: 'payrol', correctedTo: 'payroll', searches: 1 },
    ]);
  } finally {
    await store.close();
  }
});
