/** Help-center sessions per day, kept at write time, so deflection and the overview never scan every session. */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('session_daily')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('kb_sessions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('confirmed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('searches', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Existing stores: the same numbers from the sessions written so far.
  await sql`
    insert into session_daily (day, kb_sessions, escalated, confirmed, searches)
    select day, count(*),
      sum(case when contacts > 0 then 1 else 0 end),
      sum(case when contacts = 0 and up_votes > 0 then 1 else 0 end),
      sum(searches)
    from sessions where views > 0 or searches > 0 group by day`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('session_daily').ifExists().execute();
}
