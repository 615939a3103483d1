/** Build hook: checks content references, indexes the pages with Pagefind, and reports content warnings. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { parseEnv } from '../schemas/env.ts';
import { addContentWarning, takeContentWarnings } from './content-warnings.ts';
import { findBrokenReferences } from './link-check.ts';
import { MANIFEST_FILE, ManifestSchema } from '../schemas/manifest.ts';
import { indexedMessage, indexSite } from '../content-model/search-index.ts';

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

        // `npm run build` indexes after Astro exits; a bare `astro build` still produces a complete site.
        if (!parseEnv().KB_INDEX_AFTER_BUILD) logger.info(indexedMessage(await indexSite(out)));

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
