/**
 * `npm run report -- <name> [--from] [--to] [--category] [--product-area] [--format table|json|csv]`: a report in the
 * terminal.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openConfiguredStore } from '../server/open-store.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { toCsv } from '../analytics/csv.ts';
import { MANIFEST_FILE } from '../schemas/manifest.ts';
import { REPORTS } from '../schemas/report-params.ts';
import { answerReport, reportJson } from '../analytics/report-request.ts';
import { reportSource } from '../analytics/report-registry.ts';
import { syncCatalog, syncTicketTags } from '../analytics/sync-catalog.ts';
import { argsOrExit, envOrExit, fail, readManifest } from './cli-exit.ts';
import { buildOutDir } from './build.ts';
import { textTable } from './text-table.ts';

const USAGE = `Usage: npm run report -- <report> [options]

Reports: ${REPORTS.map((r) => (r === 'article' ? 'article <slug>' : r)).join(', ')}

Options:
  --from YYYY-MM-DD       first day (UTC, inclusive); default: 27 days before --to
  --to YYYY-MM-DD         last day (UTC, inclusive); default: today
  --category <id>         only articles of this category
  --product-area <id>     only articles of this product area
  --review-days <n>       content: reviewed longer ago than this is stale (default 180)
  --owner <email>         inbox: the items assigned to this person (by default their articles')
  --status <status>       inbox: new, acknowledged, planned, done or wont_fix
  --reason <reason>       inbox: outdated, unclear, didnt_solve, product_issue or other
  --article <slug>        inbox: one article's items
  --format table|json|csv table (default) prints every table aligned; csv prints one table
  --table <name>          with --format csv or table: only this table
`;

const { values, positionals } = argsOrExit(
  {
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      category: { type: 'string' },
      'product-area': { type: 'string' },
      'review-days': { type: 'string' },
      status: { type: 'string' },
      reason: { type: 'string' },
      article: { type: 'string' },
      owner: { type: 'string' },
      format: { type: 'string', default: 'table' },
      table: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  },
  USAGE,
);
if (values.help || positionals.length === 0) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 1);
}
if (!['table', 'json', 'csv'].includes(values.format!)) fail(`--format must be table, json or csv (got "${values.format}")`);

const env = envOrExit();
if (!env.KB_DATABASE_URL && !existsSync(env.KB_DB_PATH))
  fail(`No events database at ${env.KB_DB_PATH} yet: run \`npm start\` (and read some articles) or \`npm run demo\` first.`);

const store = openConfiguredStore(env);
await migrateToLatest(store.db);
// Titles, categories and product areas come from the last build, as they do for the server.
const outDir = buildOutDir();
if (existsSync(join(outDir, 'client', MANIFEST_FILE))) {
  const manifest = readManifest(outDir);
  await syncCatalog(store.db, manifest.articles, manifest.search_terms);
  await syncTicketTags(store.db, manifest.ticket_tags);
}

const query = Object.fromEntries(
  Object.entries({
    from: values.from,
    to: values.to,
    category: values.category,
    product_area: values['product-area'],
    review_days: values['review-days'],
    status: values.status,
    reason: values.reason,
    article: values.article,
    // A writer's items: those assigned to them, which by default are their articles' (the frontmatter's owner).
    assignee: values.owner?.toLowerCase(),
    format: values.format === 'csv' ? 'csv' : 'json',
    table: values.table,
  }).filter(([, v]) => v !== undefined),
) as Record<string, string>;
const answer = await answerReport(reportSource(store.db), positionals.join('/'), query);
await store.close();

if (answer.kind === 'not-found') fail(answer.message);
const option = (path: string) => (path === 'assignee' ? 'owner' : path.replace('_', '-'));
if (answer.kind === 'invalid') fail(answer.issues.map((i) => `--${option(i.path)}: ${i.message}`).join('\n'));
if (values.format === 'json') console.log(JSON.stringify(reportJson(answer), null, 2));
else if (values.format === 'csv') process.stdout.write(toCsv(answer.table!));
else {
  const { from, to } = answer.query;
  console.log(
    `${answer.result.name} · ${from} to ${to}${query.category ? ` · category ${query.category}` : ''}${query.product_area ? ` · product area ${query.product_area}` : ''}\n`,
  );
  for (const table of answer.tables.filter((t) => !values.table || t.name === values.table)) console.log(textTable(table));
}
