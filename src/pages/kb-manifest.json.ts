/** Writes the manifest of published slugs and revisions into the build output. */
import type { APIRoute } from 'astro';
import { getCatalog } from '../content-model/catalog.ts';
import type { Manifest } from '../schemas/manifest.ts';

export const GET: APIRoute = async () => {
  const catalog = await getCatalog();
  const manifest: Manifest = {
    generated_at: new Date().toISOString(),
    articles: Object.fromEntries(
      catalog.docs.map((d) => [
        d.slug,
        {
          kind: d.kind,
          title: d.title,
          url: d.url,
          file: d.file,
          revision: d.revision,
          category: d.category.id,
          product_area: d.productArea,
          type: d.type,
          lang: d.lang,
          steps: d.kind === 'tutorial' ? d.steps.length : null,
          reviewed: d.reviewed ? d.reviewed.toISOString().slice(0, 10) : null,
          has_description: d.hasDescription,
          owner: d.owner,
        },
      ]),
    ),
    search_terms: [
      ...catalog.docs.flatMap((d) => [
        { kind: 'title' as const, text: d.title, article: d.slug },
        ...d.aliases.map((text) => ({ kind: 'alias' as const, text, article: d.slug })),
      ]),
      ...catalog.pins.flatMap((p) => p.queries.map((text) => ({ kind: 'pin' as const, text, article: p.slug }))),
      ...catalog.synonyms.flatMap((group) => group.map((text) => ({ kind: 'synonym' as const, text, article: null }))),
    ],
    ticket_tags: catalog.ticketTags,
  };
  return new Response(JSON.stringify(manifest, null, 1), { headers: { 'Content-Type': 'application/json' } });
};
