/**
 * The query rollup rows with an escalation, indexed apart: the deflection report ranks the queries most often followed
 * by a contact, and only a few rows have one (over a year at 10 million events, some 14% of the monthly rows), so it
 * reads those instead of every query's row of the range.
 */
import { sql, type Kysely } from 'kysely';

const LEVELS = ['daily', 'weekly', 'monthly'];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const level of LEVELS) {
    await sql`create index ${sql.id(`query_${level}_escalated`)} on ${sql.table(`query_${level}`)} (day, query_id, escalated) where escalated <> 0`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const level of LEVELS) await sql`drop index ${sql.id(`query_${level}_escalated`)}`.execute(db);
}
