/**
 * Copies the build's manifest into the articles table: titles, categories and product areas for the reports' filters.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Manifest } from '../schemas/manifest.ts';

/** Upserts every published slug and marks slugs the build no longer publishes; returns how many are published. */
export async function syncCatalog(db: Kysely<Database>, articles: Manifest['articles']): Promise<number> {
  const entries = Object.entries(articles);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('articles').set({ published: 0 }).execute();
    for (const [slug, e] of entries) {
      const meta = {
        kind: e.kind,
        title: e.title,
        category: e.category,
        product_area: e.product_area,
        lang: e.lang,
        reviewed: e.reviewed,
        has_description: e.has_description ? 1 : 0,
        published: 1,
      };
      await trx
        .insertInto('articles')
        .values({ slug, ...meta })
        .onConflict((oc) => oc.column('slug').doUpdateSet(meta))
        .execute();
    }
  });
  return entries.length;
}
