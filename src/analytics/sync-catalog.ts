/**
 * Copies the build's manifest into the store: titles, categories and product areas for the reports' filters, and the
 * day each search term was first seen, for the search report's before and after.
 */
import type { Insertable, Kysely } from 'kysely';
import type { Database, SearchTermsTable } from '../../db/schema.ts';
import type { Manifest, SearchTerm } from '../schemas/manifest.ts';
import { queryGroupKey } from '../domain/query-group-key.ts';
import { utcDay } from '../domain/utc-day.ts';

// Five parameters a row: well within both stores' limits on parameters per statement.
const TERMS_PER_INSERT = 1000;

/**
 * Upserts every published slug and marks slugs the build no longer publishes, and records the search terms not seen
 * before as first seen on `day`; returns how many slugs are published.
 */
export async function syncCatalog(
  db: Kysely<Database>,
  articles: Manifest['articles'],
  searchTerms: readonly SearchTerm[] = [],
  day = utcDay(Date.now()),
): Promise<number> {
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
        owner: e.owner,
        published: 1,
      };
      await trx
        .insertInto('articles')
        .values({ slug, ...meta })
        .onConflict((oc) => oc.column('slug').doUpdateSet(meta))
        .execute();
    }
    // By near-duplicate key, as the report groups queries: "Recurring invoices" closes a gap "recurring invoice".
    const rows = new Map<string, Insertable<SearchTermsTable>>();
    for (const { kind, text, article } of searchTerms) {
      const key = queryGroupKey(text);
      if (!rows.has(`${kind}|${key}`)) rows.set(`${kind}|${key}`, { kind, key, text, article, first_seen_day: day });
    }
    const values = [...rows.values()];
    for (let at = 0; at < values.length; at += TERMS_PER_INSERT) {
      await trx
        .insertInto('search_terms')
        .values(values.slice(at, at + TERMS_PER_INSERT))
        .onConflict((oc) => oc.columns(['kind', 'key']).doNothing())
        .execute();
    }
  });
  return entries.length;
}

/** Replaces the ticket tags' product areas with the build's content/ticket-tags.json. */
export async function syncTicketTags(db: Kysely<Database>, tags: Manifest['ticket_tags']): Promise<void> {
  const rows = Object.entries(tags).map(([tag, product_area]) => ({ tag, product_area }));
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('ticket_tag_areas').execute();
    for (let at = 0; at < rows.length; at += TERMS_PER_INSERT)
      await trx
        .insertInto('ticket_tag_areas')
        .values(rows.slice(at, at + TERMS_PER_INSERT))
        .execute();
  });
}
