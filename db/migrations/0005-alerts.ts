/**
 * Alerts and digests: each delivery of an alert or a digest to a channel, so nothing is sent twice and a failed one is
 * tried again later; and whether each person wants their weekly digest.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('deliveries')
    // What was (or is to be) sent, e.g. `friction:content:<slug>:<signals>` or `digest:<person>:<week>`.
    .addColumn('key', 'text', (c) => c.notNull())
    // email | webhook
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .addColumn('last_error', 'text')
    .addPrimaryKeyConstraint('deliveries_pk', ['key', 'channel'])
    .execute();
  await db.schema
    .alterTable('people')
    .addColumn('digest', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('people').dropColumn('digest').execute();
  await db.schema.dropTable('deliveries').ifExists().execute();
}
