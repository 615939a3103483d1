/**
 * What each revision did for its readers besides their votes: readers (first view of the article in a session, by
 * the revision read), contacts from its page, and its final down votes saying outdated or unclear; kept beside the
 * votes at every rollup level, so an edit is judged on all of them.
 */
import type { Kysely } from 'kysely';

const LEVELS = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly'];
const COUNTERS = ['view_sessions', 'contacts', 'outdated', 'unclear'];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const level of LEVELS)
    for (const counter of COUNTERS)
      await db.schema
        .alterTable(`revision_votes_${level}`)
        .addColumn(counter, 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const level of LEVELS)
    for (const counter of COUNTERS) await db.schema.alterTable(`revision_votes_${level}`).dropColumn(counter).execute();
}
