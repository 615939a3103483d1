/** Puts a small published catalog into a test database, as the server does from the build's manifest. */
import type { EventStore } from '../../db/client.ts';
import { syncCatalog } from '../../src/analytics/sync-catalog.ts';
import type { ManifestEntry } from '../../src/schemas/manifest.ts';

export interface CatalogEntry {
  category: string;
  product_area?: string | null;
  kind?: 'article' | 'tutorial';
  reviewed?: string | null;
  has_description?: boolean;
  steps?: number | null;
  owner?: string | null;
}

export async function publish(store: EventStore, entries: Record<string, CatalogEntry>): Promise<void> {
  const articles = Object.fromEntries(
    Object.entries(entries).map(([slug, e]): [string, ManifestEntry] => [
      slug,
      {
        kind: e.kind ?? 'article',
        title: slug.replaceAll('-', ' '),
        url: `/articles/${slug}/`,
        file: `content/articles/${e.category}/${slug}.md`,
        revision: 'r1',
        category: e.category,
        product_area: e.product_area ?? null,
        type: 'how-to',
        lang: 'en',
        steps: e.steps ?? null,
        reviewed: e.reviewed === undefined ? '2026-11-01' : e.reviewed,
        has_description: e.has_description ?? true,
        owner: e.owner ?? null,
      },
    ]),
  );
  await syncCatalog(store.db, articles);
}
