/** Pagefind's index of a built site: the pages under `dir`, written to `dir/pagefind`. */
import * as pagefind from 'pagefind';

export async function indexSite(dir: string): Promise<{ pages: number; ms: number }> {
  const started = performance.now();
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    const added = await index.addDirectory({ path: dir });
    if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: `${dir}/pagefind` });
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    return { pages: added.page_count, ms: Math.round(performance.now() - started) };
  } finally {
    await pagefind.close();
  }
}

/** The line the build prints (the benchmarks read the time from it). */
export const indexedMessage = ({ pages, ms }: { pages: number; ms: number }) => `search index: ${pages} pages indexed in ${ms} ms`;
