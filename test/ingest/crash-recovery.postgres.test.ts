import { expect, test } from 'vitest';
import { createPostgresStore } from '../../db/postgres-client.ts';
import { fixtureSite } from '../helpers/fixture-site.ts';
import { loadUntilKilled, QUERIES_PER_BATCH, ROUNDS } from '../helpers/crash-load.ts';
import { storeRollupMismatches } from '../helpers/rollup-consistency.ts';
import { serveSite } from '../helpers/site-build.ts';
import { freshPostgresDatabase } from '../helpers/test-store.ts';

test('after a SIGKILL under load on PostgreSQL, every event answered 202 is stored exactly once and the rollups are exact', async () => {
  const dist = fixtureSite();
  const database = await freshPostgresDatabase({ migrated: true });
  const acknowledged: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const site = await serveSite(dist, { KB_DATABASE_URL: database.url, KB_RATE_LIMIT_PER_MINUTE: '1000000' });
    acknowledged.push(...(await loadUntilKilled(site)));
  }
  expect(acknowledged.length).toBeGreaterThanOrEqual(ROUNDS * 10);

  const store = createPostgresStore(database.url);
  try {
    const stored = await store.db
      .selectFrom('sessions as s')
      .innerJoin('events as e', 'e.session_id', 's.id')
      .select(['s.key', (eb) => eb.fn.countAll<number>().as('n')])
      .where('s.key', 'in', acknowledged)
      .groupBy('s.key')
      .execute();
    const counts = new Map(stored.map((r) => [r.key, Number(r.n)]));
    expect(acknowledged.filter((key) => counts.get(key) !== QUERIES_PER_BATCH)).toEqual([]);
    expect(await storeRollupMismatches(store)).toEqual({});
  } finally {
    await store.close();
    await database.drop();
  }
}, 120_000);
