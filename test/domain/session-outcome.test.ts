/** The session outcomes decided in memory (write path) and in SQL (read path, session closing) agree on any session. */
import SqliteDatabase from 'better-sqlite3';
import fc from 'fast-check';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  deflectionRate,
  holds,
  outcomeCount,
  outcomeSql,
  selfServiceScore,
  SESSION_OUTCOMES,
  type SessionCounts,
  type SessionOutcome,
} from '../../src/domain/session-outcome.ts';

const OUTCOMES = Object.keys(SESSION_OUTCOMES) as SessionOutcome[];
const counter = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 1000 }));
const session = fc.record<SessionCounts>({ views: counter, searches: counter, contacts: counter, up_votes: counter });

describe('session outcomes', () => {
  let db: Kysely<{ sessions: SessionCounts & { id: number } }>;
  beforeAll(async () => {
    db = new Kysely({ dialect: new SqliteDialect({ database: new SqliteDatabase(':memory:') }) });
    await sql`create table sessions (id integer primary key, views integer, searches integer, contacts integer, up_votes integer)`.execute(
      db,
    );
  });
  afterAll(() => db.destroy());

  test('a session has the same outcomes in SQL as in memory, for any counters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(session, { minLength: 1, maxLength: 40 }), async (sessions) => {
        await db.deleteFrom('sessions').execute();
        await db
          .insertInto('sessions')
          .values(sessions.map((s, id) => ({ id, ...s })))
          .execute();
        const rows = await db
          .selectFrom('sessions as s')
          .select(['s.id', ...OUTCOMES.map((o) => outcomeCount(o).as(o))])
          .orderBy('s.id')
          .execute();
        const inMemory = sessions.map((s, id) => ({ id, ...Object.fromEntries(OUTCOMES.map((o) => [o, Number(holds(o, s))])) }));
        expect(rows).toEqual(inMemory);
        const kb = await db
          .selectFrom('sessions as s')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(outcomeSql('kb'))
          .executeTakeFirstOrThrow();
        expect(kb.n).toBe(sessions.filter((s) => holds('kb', s)).length);
      }),
      { numRuns: 200 },
    );
  });

  test('a session with a view, a contact and an up vote is escalated, not a confirmed deflection', () => {
    const s = { views: 1, searches: 0, contacts: 1, up_votes: 1 };
    expect(OUTCOMES.filter((o) => holds(o, s))).toEqual(['kb', 'escalated']);
  });

  test('a session without a view or a search has no outcome, whatever else it did', () => {
    expect(OUTCOMES.filter((o) => holds(o, { views: 0, searches: 0, contacts: 2, up_votes: 3 }))).toEqual([]);
  });

  test('deflection rate and self-service score follow their definitions, null where undefined', () => {
    expect(deflectionRate(200, 50)).toBe(0.75);
    expect(deflectionRate(0, 0)).toBeNull();
    expect(selfServiceScore(200, 50)).toBe(4);
    expect(selfServiceScore(200, 0)).toBeNull();
  });
});
