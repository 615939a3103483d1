/** Build hook: checks content references, indexes the pages with Pagefind, and reports content warnings. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { parseEnv } from '../schemas/env.ts';
import { addContentWarning, strictFailure, takeContentWarnings, warningsSummary } from './content-warnings.ts';
import { findBrokenReferences } from './link-check.ts';
import { MANIFEST_FILE, ManifestSchema } from '../schemas/manifest.ts';
import { indexedMessage, indexSite } from '../content-model/search-index.ts';
import { BUILD_REPORT_FILE, type BuildReport } from './build-report.ts';

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

        // Components report the page they were on; name the writer's file instead.
        const warnings = takeContentWarnings().map((w) => ({ ...w, file: fileOf.get(w.file) ?? w.file }));
        if (warnings.length > 0 && parseEnv().KB_STRICT_CONTENT) throw new Error(strictFailure(warnings));
        const docs = Object.values(manifest.articles);
        const report: BuildReport = {
          articles: docs.filter((d) => d.kind === 'article').length,
          tutorials: docs.filter((d) => d.kind === 'tutorial').length,
          warnings,
        };
        // `npm run build` indexes after Astro exits and ends with the summary; a bare `astro build` still produces a
        // complete site and says the same here.
        if (parseEnv().KB_INDEX_AFTER_BUILD) writeFileSync(`${out}/../${BUILD_REPORT_FILE}`, JSON.stringify(report));
        else {
          logger.info(indexedMessage(await indexSite(out)));
          if (warnings.length > 0) logger.warn(warningsSummary(warnings));
        }
      },
    },
  };
}
