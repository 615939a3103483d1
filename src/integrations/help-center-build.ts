/** Build hook: checks content references, indexes the pages with Pagefind, and reports content warnings. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import { parseEnv } from '../schemas/env.ts';
import { addContentWarning, takeContentWarnings } from './content-warnings.ts';
import { findBrokenReferences } from './link-check.ts';
import { MANIFEST_FILE, ManifestSchema } from '../schemas/manifest.ts';

async function indexSite(dir: string): Promise<number> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    const added = await index.addDirectory({ path: dir });
    if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: `${dir}/pagefind` });
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    return added.page_count;
  } finally {
    await pagefind.close();
  }
}

export function helpCenterBuild(): AstroIntegration {
  return {
    name: 'lantern-help-center-build',
    hooks: {
      'astro:config:setup': () => {
        parseEnv(); // a bad variable stops the build before any work, with its name
      },
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir).replace(/\/$/, '');
        const manifest = ManifestSchema.parse(JSON.parse(readFileSync(`${out}/${MANIFEST_FILE}`, 'utf8')));
        const fileOf = new Map(Object.values(manifest.articles).map((a) => [a.url, a.file]));
        for (const w of findBrokenReferences(out, (url) => fileOf.get(url))) addContentWarning(w);

        const started = performance.now();
        const pages = await indexSite(out);
        logger.info(`search index: ${pages} pages indexed in ${Math.round(performance.now() - started)} ms`);

        // Components report the page they were on; name the writer's file instead.
        const warnings = takeContentWarnings().map((w) => ({ ...w, file: fileOf.get(w.file) ?? w.file }));
        if (warnings.length === 0) return;
        const lines = warnings.map((w) => `  ${w.file}: ${w.problem}: ${w.reference}`);
        const summary = `${warnings.length} content warning${warnings.length === 1 ? '' : 's'}:\n${lines.join('\n')}`;
        if (parseEnv().KB_STRICT_CONTENT) {
          throw new Error(`${summary}\nKB_STRICT_CONTENT is set, so content warnings fail the build.`);
        }
        logger.warn(`${summary}\nThe pages were built; fix these references (KB_STRICT_CONTENT=1 makes them fail the build).`);
      },
    },
  };
}
