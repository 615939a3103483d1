/**
 * The feedback inbox: each comment (and down vote with a reason) gets a triage state, an assignee and internal notes;
 * each person's last visit to the inbox; and the article's owner from its frontmatter, the default assignee.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('owner', 'text').execute();
  // One row per comment once someone triaged it; a comment without one is new.
  await db.schema
    .createTable('feedback_triage')
    .addColumn('comment_id', 'integer', (c) => c.primaryKey().references('comments.id'))
    // new | acknowledged | planned | done | wont_fix
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'integer', (c) => c.references('people.id'))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('feedback_triage_status').on('feedback_triage').columns(['status', 'comment_id']).execute();
  await db.schema
    .createTable('feedback_notes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id'))
    // An email, as the audit log writes it: the note outlives its author's account.
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('feedback_notes_comment').on('feedback_notes').columns(['comment_id', 'id']).execute();
  await db.schema
    .createTable('inbox_visits')
    .addColumn('person_id', 'integer', (c) => c.primaryKey().references('people.id'))
    .addColumn('visited_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['inbox_visits', 'feedback_notes', 'feedback_triage']) await db.schema.dropTable(table).ifExists().execute();
  await db.schema.alterTable('articles').dropColumn('owner').execute();
}
