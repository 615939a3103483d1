/**
 * `npm run screenshots`: the README's pictures of the dashboard, taken from a fresh demo history so anyone can refresh
 * them.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { builtOrExit, readManifest } from '../../src/cli/cli-exit.ts';
import { simulateDays } from '../../src/demo/simulate-history.ts';
import { loadDemoHistory } from '../../src/demo/load-demo.ts';
import { syncCatalog, syncTicketTags } from '../../src/analytics/sync-catalog.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { ROOT, serveSite } from '../helpers/site-build.ts';

const OUT = join(ROOT, '.github', 'screenshots');
const TOKEN = 'readme-screenshots-token-0123456789';
const SHOTS = [
  ['overview', '/reports'],
  ['friction', '/reports/friction'],
] as const;

const dist = builtOrExit();
const dbPath = join(mkdtempSync(join(tmpdir(), 'lantern-screenshots-')), 'kb.sqlite');
const store = createDb(dbPath);
await migrateToLatest(store.db);
const manifest = readManifest(dist);
await syncCatalog(store.db, manifest.articles);
await syncTicketTags(store.db, manifest.ticket_tags);
console.log('Simulating 90 days of readers…');
await loadDemoHistory(
  store,
  simulateDays(manifest, { days: 90, end: new Date().toISOString().slice(0, 10), seed: 42, sessionsPerDay: 330 }),
);
await store.close();

const site = await serveSite(dist, { KB_DB_PATH: dbPath, KB_ADMIN_TOKEN: TOKEN });
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ baseURL: site.url, viewport: { width: 1200, height: 900 }, colorScheme: 'light' });
  await page.goto('/reports/login');
  await page.getByText('Sign in with the admin token').click();
  await page.getByLabel('Admin token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in with the token' }).click();
  await page.waitForURL(/\/reports$/);
  mkdirSync(OUT, { recursive: true });
  for (const [name, path] of SHOTS) {
    await page.goto(path);
    const file = join(OUT, `${name}.png`);
    await page.screenshot({ path: file, fullPage: false });
    console.log(`Wrote ${file}`);
  }
} finally {
  await browser.close();
  await site.stop();
}
