/**
 * Article metadata copied from the build's manifest, so reports can filter by category and product area in SQL;
 * and clicks per query and article per day, so an article's report shows the searches that led to it.
 */
import type { Kysely } from 'kysely';

const COLUMNS = ['kind', 'title', 'category', 'product_area', 'lang', 'reviewed'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  // SQLite adds one column per ALTER TABLE.
  for (const column of COLUMNS) await db.schema.alterTable('articles').addColumn(column, 'text').execute();
  await db.schema.alterTable('articles').addColumn('has_description', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // 1 while the current build publishes the slug; events of unpublished slugs stay, reports show them as removed.
  await db.schema.alterTable('articles').addColumn('published', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('articles_category').on('articles').column('category').execute();
  await db.schema.createIndex('articles_product_area').on('articles').column('product_area').execute();
  await db.schema
    .createTable('query_article_daily')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id'))
    .addColumn('query_id', 'integer', (c) => c.notNull().references('queries.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('clicks', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('query_article_daily_pk', ['article_id', 'day', 'query_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('query_article_daily').ifExists().execute();
  await db.schema.dropIndex('articles_product_area').ifExists().execute();
  await db.schema.dropIndex('articles_category').ifExists().execute();
  for (const column of [...COLUMNS, 'has_description', 'published']) await db.schema.alterTable('articles').dropColumn(column).execute();
}
