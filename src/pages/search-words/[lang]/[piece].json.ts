/** Writes each language's search vocabulary, an index and its pieces, for the browser's typo correction. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCatalog } from '../../../content-model/catalog.ts';
import { vocabularyFiles } from '../../../content-model/search-vocabulary.ts';

// Every file is made in this one call, so the pages' words are read and counted once per build.
export const getStaticPaths = (async () => {
  const catalog = await getCatalog();
  return vocabularyFiles(catalog.docs).map(({ lang, file, body }) => ({ params: { lang, piece: file }, props: { body } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => new Response(JSON.stringify(props.body), { headers: { 'Content-Type': 'application/json' } });
