import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { EventStore } from '../../db/client.ts';
import { GroupWriter } from '../../src/ingest/write-group.ts';
import { prepare, type SeedEvent } from '../helpers/seed-events.ts';
import { storeRollupMismatches } from '../helpers/rollup-consistency.ts';
import { freshTestStore } from '../helpers/test-store.ts';

let store: EventStore;
beforeAll(async () => {
  store = await freshTestStore();
});
afterAll(() => store?.close());

/**
 * The statements a function sends to PostgreSQL, by their first words after any comment, and the name of those sent as
 * prepared statements: each one is a round trip.
 */
async function statementsOf(work: () => Promise<unknown>, names: string[] = []): Promise<string[]> {
  const sent: string[] = [];
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const { text, name } = typeof args[0] === 'string' ? { text: args[0], name: undefined } : (args[0] as { text: string; name?: string });
    sent.push(
      text
        .replace(/^\/\*.*?\*\//, '')
        .trim()
        .split(/\s+/)
        .slice(0, 3)
        .join(' '),
    );
    if (name !== undefined) names.push(name);
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = query;
  }
  return sent;
}

test('a group of events from new readers reaches PostgreSQL in four round trips, rollups and all, through statements prepared once', async () => {
  const writer = new GroupWriter('postgres');
  const group = (round: number): SeedEvent[] =>
    Array.from({ length: 40 }, (_, i) => ({
      type: i % 4 === 0 ? 'search' : 'view',
      session: `session-rt-${round}-${i}`,
      ...(i % 4 === 0 ? { query: `query ${i % 8}`, results: i % 3 } : { article: `article-${i % 5}` }),
      at: `2026-11-${10 + round}T10:00:00Z`,
    })) as SeedEvent[];
  const write = (events: SeedEvent[]) => store.db.transaction().execute((trx) => writer.write(trx, prepare(events)));
  // The first group creates the articles, queries and revisions; later groups find them remembered.
  (await write(group(0)))();
  const [names, again] = [[], []] as string[][];
  const sent = await statementsOf(() => write(group(1)), names);
  expect(sent).toEqual(['begin', 'insert into sessions', 'with w0 as', 'commit']);
  // A group of another size and mix sends the same texts: the same prepared statements serve every group.
  const smaller = group(2).slice(0, 3);
  expect(await statementsOf(() => write(smaller), again)).toEqual(sent);
  expect(names).toHaveLength(2);
  expect(again).toEqual(names);
  expect(await storeRollupMismatches(store)).toEqual({});
});
