/**
 * The team: people with a role who sign in with a password or single sign-on, their sessions, one-time links and
 * personal API tokens (all stored as hashes), and the append-only audit log of who did what.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('people')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    // Lower-cased: one person per address however it is typed.
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    // Null until the person sets one from their link (or for people who only use single sign-on).
    .addColumn('password_hash', 'text')
    // The identity provider's subject, once they signed in with it: a renamed address still finds the person.
    .addColumn('sso_subject', 'text', (c) => c.unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_sign_in_at', 'bigint')
    .execute();
  await db.schema
    .createTable('person_credentials')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    // session | link (set a password) | token (personal API token)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('last_used_at', 'bigint')
    .execute();
  await db.schema.createIndex('person_credentials_person').on('person_credentials').columns(['person_id', 'kind']).execute();
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'bigint', (c) => c.notNull())
    // An email, "admin token" or "system": text, so the entry outlives the person it names.
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit_log', 'person_credentials', 'people']) await db.schema.dropTable(table).ifExists().execute();
}
