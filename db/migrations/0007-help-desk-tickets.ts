/**
 * Tickets from the help desk, joined to what their writers read: each session's reference (the one its contact
 * link carries), the revision each article was first read in, the tickets (no person's data: the provider, its id,
 * the time, the reference, the tags), which product area each tag stands for and, once joined, the reads and searches of the 24 hours before each ticket.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Forgotten with the key when the session closes.
  await db.schema.alterTable('sessions').addColumn('ref', 'text').execute();
  await db.schema.createIndex('sessions_ref').on('sessions').column('ref').where(sql.ref('ref'), 'is not', null).execute();
  // session_articles.revision_id is the voted revision; a ticket is joined to the revision that was read.
  await db.schema
    .alterTable('session_articles')
    .addColumn('read_revision_id', 'integer', (c) => c.references('revisions.id'))
    .execute();

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('ref', 'text')
    // Set once joined to the session that carried the reference; null without a reference or before the join.
    .addColumn('session_id', 'integer', (c) => c.references('sessions.id'))
    .addColumn('joined_at', 'bigint')
    .execute();
  // A redelivered ticket is the same ticket.
  await db.schema.createIndex('tickets_provider_external').on('tickets').columns(['provider', 'external_id']).unique().execute();
  await db.schema.createIndex('tickets_created').on('tickets').column('created_at').execute();
  await db.schema.createIndex('tickets_session').on('tickets').column('session_id').execute();
  // Waiting for their session: a reference that arrived before the reader's events.
  await db.schema.createIndex('tickets_unjoined').on('tickets').column('created_at').where(sql.ref('joined_at'), 'is', null).execute();

  await db.schema
    .createTable('ticket_tags')
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_tags_pk', ['ticket_id', 'tag'])
    .execute();
  // content/ticket-tags.json as the current build has it: which product area a ticket tag stands for.
  await db.schema
    .createTable('ticket_tag_areas')
    .addColumn('tag', 'text', (c) => c.primaryKey())
    .addColumn('product_area', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('ticket_reads')
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id'))
    .addColumn('revision_id', 'integer', (c) => c.references('revisions.id'))
    .addColumn('read_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_reads_pk', ['ticket_id', 'article_id'])
    .execute();
  await db.schema.createIndex('ticket_reads_article').on('ticket_reads').columns(['article_id', 'read_at']).execute();
  await db.schema
    .createTable('ticket_searches')
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('query_id', 'integer', (c) => c.notNull().references('queries.id'))
    .addColumn('searched_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_searches_pk', ['ticket_id', 'query_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['ticket_searches', 'ticket_reads', 'ticket_tag_areas', 'ticket_tags', 'tickets'])
    await db.schema.dropTable(table).ifExists().execute();
  await db.schema.alterTable('session_articles').dropColumn('read_revision_id').execute();
  await db.schema.dropIndex('sessions_ref').ifExists().execute();
  await db.schema.alterTable('sessions').dropColumn('ref').execute();
}
