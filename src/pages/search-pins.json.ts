/** Writes content/pins.json, checked and with each pinned page's address and title, for the browser's search. */
import type { APIRoute } from 'astro';
import { getCatalog } from '../content-model/catalog.ts';
import type { SearchPins } from '../schemas/search-config.ts';

export const GET: APIRoute = async () => {
  const pins: SearchPins = { pins: (await getCatalog()).pins };
  return new Response(JSON.stringify(pins), { headers: { 'Content-Type': 'application/json' } });
};
