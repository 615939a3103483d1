/**
 * `npm run import -- <zendesk|intercom> <export.json> [--to content] [--force]`: a hosted help center's export as
 * Markdown and MDX articles that Lantern builds as they are.
 */
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ContentFolderError, readExistingContent } from '../importers/existing-content.ts';
import { ExportError, type HelpCenterSource, type ImportedHelpCenter } from '../importers/help-center-source.ts';
import { planImport } from '../importers/import-plan.ts';
import { importSummary } from '../importers/import-summary.ts';
import { intercomSource } from '../importers/intercom.ts';
import { ImportConflictError, writeImport, type WriteResult } from '../importers/write-import.ts';
import { zendeskSource } from '../importers/zendesk.ts';
import { argsOrExit, fail } from './cli-exit.ts';
import { progressBar } from './progress-bar.ts';

const USAGE = `Usage: npm run import -- <zendesk|intercom> <export.json> [options]

Converts an exported help center into Markdown (MDX where an article has a callout): a folder
per category and section under <dir>/articles/, new categories added to <dir>/categories.json,
and each article's old address redirecting to its new page.

  zendesk    one JSON file with "categories", "sections" and "articles" as the Help Center API
             lists them
  intercom   one JSON file with "collections" and "articles" as the Articles API lists them

Options:
  --to <dir>   the content folder to write into (default: content)
  --force      replace files already there, such as those of an earlier import
  --help       show this help
`;

const SOURCES: Record<string, HelpCenterSource> = { zendesk: zendeskSource, intercom: intercomSource };
const SHOWN_CONFLICTS = 5;

const { values, positionals } = argsOrExit(
  {
    allowPositionals: true,
    options: {
      to: { type: 'string', default: 'content' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  },
  USAGE,
);
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length !== 2) fail(`Name the provider and the export file.\n\n${USAGE}`);
const [provider, exportFile] = positionals as [string, string];
const source = SOURCES[provider.toLowerCase()] ?? fail(`Unknown provider "${provider}": use zendesk or intercom.\n\n${USAGE}`);
const dir = resolve(values.to);
const shown = (path: string) => relative(process.cwd(), join(dir, path)) || '.';

let raw: unknown;
try {
  raw = JSON.parse(readFileSync(exportFile, 'utf8'));
} catch (error) {
  const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
  fail(missing ? `No file at ${exportFile}.` : `${exportFile} is not a JSON file (${(error as Error).message}).`);
}

let center: ImportedHelpCenter;
let existing: ReturnType<typeof readExistingContent>;
try {
  center = source.read(raw);
  existing = readExistingContent(dir);
} catch (error) {
  if (error instanceof ExportError) fail(`${exportFile} is not a valid ${source.name} export:\n${error.message}`);
  if (error instanceof ContentFolderError) fail(`${error.message}\nFix it, then run the import again: nothing was written.`);
  throw error;
}

const total = center.articles.length;
console.error(`Converting ${total.toLocaleString('en-US')} ${source.name} articles…`);
const bar = progressBar(total, { unit: 'articles', verb: 'Converting' });
const plan = planImport(center, { defaultLang: existing.defaultLang, existing: existing.slugs, onProgress: (n) => bar.update(n) });
if (total > 0) bar.done(total);

let result: WriteResult;
try {
  result = writeImport(plan, dir, { force: values.force });
} catch (error) {
  if (!(error instanceof ImportConflictError)) throw error;
  const listed = error.files.slice(0, SHOWN_CONFLICTS).map((f) => `  ${shown(f)}`);
  if (error.files.length > SHOWN_CONFLICTS) listed.push(`  … and ${error.files.length - SHOWN_CONFLICTS} more`);
  fail(
    `${shown('')} already has ${error.files.length} of the files this import would write:\n${listed.join('\n')}\n` +
      'Nothing was written. Run again with --force to replace them (changes made to them since are lost).',
  );
}
console.log(importSummary({ provider: source.name, plan, added: result.added, shown }));
