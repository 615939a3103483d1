import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { createDb, openStore, type EventStore } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { readManifest } from '../../src/cli/cli-exit.ts';
import { simulateHistory } from '../../src/demo/simulate-history.ts';
import { bulkLoad } from '../../src/ingest/bulk-load.ts';
import { reportSource, runReport } from '../../src/analytics/report-registry.ts';
import { syncCatalog } from '../../src/analytics/sync-catalog.ts';
import { REPORTS } from '../../src/schemas/report-params.ts';
import { sampleSite } from '../helpers/sample-site.ts';
import { seed } from '../helpers/seed-events.ts';
import { ROOT } from '../helpers/site-build.ts';
import { freshPostgresDatabase } from '../helpers/test-store.ts';
import { storeRollupMismatches } from '../helpers/rollup-consistency.ts';

const END = '2026-11-20';
const RANGES = [
  { from: '2026-10-24', to: END },
  { from: '2026-11-14', to: END },
];
const run = promisify(execFile);
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const step of cleanup) await step();
});

/** Every report, for two ranges and with a category filter, as the API would answer them. */
async function allReports(store: EventStore, slug: string, category: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const range of RANGES) {
    for (const params of [range, { ...range, category }]) {
      for (const name of REPORTS) out.push(await runReport(reportSource(store.db), name, params, name === 'article' ? slug : undefined));
    }
  }
  return out;
}

test('npm run db:copy moves a SQLite history into PostgreSQL, and every report gives the same numbers there', async () => {
  const manifest = readManifest(sampleSite());
  const path = join(mkdtempSync(join(tmpdir(), 'lantern-copy-')), 'kb.sqlite');
  const sqlite = createDb(path);
  await migrateToLatest(sqlite.db);
  await syncCatalog(sqlite.db, manifest.articles);
  await bulkLoad(sqlite, simulateHistory(manifest, { days: 30, end: END, seed: 11, sessionsPerDay: 150 }));
  const slug = 'bank-feed-stopped-updating';
  const category = manifest.articles[slug]!.category!;
  const before = await allReports(sqlite, slug, category);
  await sqlite.close();

  const database = await freshPostgresDatabase();
  cleanup.push(database.drop);
  const copy = () =>
    run(process.execPath, [join(ROOT, 'src/cli/db-copy.ts'), '--to', database.url], {
      cwd: ROOT,
      env: { ...process.env, KB_DB_PATH: path },
    });
  const { stdout } = await copy();
  expect(stdout).toMatch(/events: [\d,]+ rows/);
  expect(stdout).toMatch(/Done: every table has the same number of rows/);

  const postgres = openStore({ url: database.url, path: '' });
  cleanup.unshift(() => postgres.close());
  expect(await allReports(postgres, slug, category)).toEqual(before);
  expect(await storeRollupMismatches(postgres)).toEqual({});

  // A second copy would mix two histories: refused, nothing written.
  await expect(copy()).rejects.toMatchObject({ stderr: expect.stringContaining('Nothing was copied') });
  // New events get new ids after the copied ones.
  await seed(postgres, [{ type: 'view', session: 'after-the-copy', article: slug, at: `${END}T12:00:00Z` }]);
  expect(await storeRollupMismatches(postgres)).toEqual({});
}, 300_000);
