import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { expect, test } from 'vitest';
import { createDb } from '../../db/client.ts';
import { DAY_MS, utcDay } from '../../src/domain/utc-day.ts';
import { newSession, postEvents } from '../helpers/events-client.ts';
import { freshDatabase, freshSite } from '../helpers/reliability-site.ts';
import { rollupMismatches } from '../helpers/rollup-consistency.ts';
import { seed, type SeedEvent } from '../helpers/seed-events.ts';
import { fixtureSite } from '../helpers/fixture-site.ts';
import { ROOT, serveSite } from '../helpers/site-build.ts';

const ARTICLE = 'how-do-i-reset-my-password';
const TOKEN = 'retention-test-token-0123456789abcdef';
const run = promisify(execFile);

test('npm run db:backup writes a consistent copy while the server takes events, and the copy passes the integrity check', async () => {
  const { site, dbPath } = await freshSite({ KB_RATE_LIMIT_PER_MINUTE: '1000000' });
  const acknowledged: string[] = [];
  let stop = false;
  const clients = Promise.all(
    Array.from({ length: 4 }, async () => {
      while (!stop) {
        const session = newSession();
        const events = Array.from({ length: 5 }, (_, i) => ({ type: 'search', session, query: `backup probe ${i}`, results: i }));
        if ((await postEvents(site.url, events)).status === 202) acknowledged.push(session);
      }
    }),
  );
  const target = join(mkdtempSync(join(tmpdir(), 'lantern-backup-')), 'copy.sqlite');
  let before: string[];
  let output: string;
  try {
    while (acknowledged.length < 20) await new Promise((r) => setTimeout(r, 20));
    before = [...acknowledged];
    ({ stdout: output } = await run(process.execPath, [join(ROOT, 'src/cli/db-backup.ts'), '--to', target], {
      cwd: ROOT,
      env: { ...process.env, KB_DB_PATH: dbPath },
    }));
    const during = acknowledged.length;
    while (acknowledged.length < during + 20) await new Promise((r) => setTimeout(r, 20));
  } finally {
    stop = true;
    await clients;
    await site.stop();
  }
  expect(output).toMatch(/integrity check ok/);
  const copy = new SqliteDatabase(target, { readonly: true });
  try {
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const count = copy.prepare('select count(*) from events e join sessions s on s.id = e.session_id where s.key = ?').pluck();
    expect(before.filter((key) => count.get(key) !== 5)).toEqual([]);
    // A snapshot: every batch in it is whole, and its rollups agree with its raw events.
    const batches = copy.prepare('select count(*) from events group by session_id having count(*) <> 5').all();
    expect(batches).toEqual([]);
    expect(rollupMismatches(copy)).toEqual({});
    expect(copy.prepare('select count(*) from events').pluck().get()).toBeLessThan(acknowledged.length * 5);
  } finally {
    copy.close();
  }
});

test('raw events past the retention age are purged while rollups, sessions, comments and reports stay as they were', async () => {
  const dbPath = await freshDatabase();
  const now = Date.now();
  const at = (daysAgo: number, minute: number) => new Date(now - daysAgo * DAY_MS + minute * 60_000).toISOString();
  const visit = (daysAgo: number, i: number): SeedEvent[] => {
    const session = `retention-${daysAgo}-${i}`;
    return [
      { type: 'search', session, query: 'reset password', results: 2, at: at(daysAgo, i) },
      { type: 'view', session, article: ARTICLE, at: at(daysAgo, i + 1) },
      {
        type: 'feedback',
        session,
        article: ARTICLE,
        vote: i % 3 ? 'up' : 'down',
        ...(i % 3 ? {} : { reason: 'unclear' as const, comment: `old comment ${i}` }),
        at: at(daysAgo, i + 2),
      },
      ...(i % 4 ? [] : [{ type: 'contact' as const, session, article: ARTICLE, at: at(daysAgo, i + 3) }]),
    ];
  };
  const store = createDb(dbPath);
  await seed(store, [...Array.from({ length: 12 }, (_, i) => visit(60, i)), ...Array.from({ length: 5 }, (_, i) => visit(5, i))].flat());
  await store.close();
  const oldRange = `from=${utcDay(now - 70 * DAY_MS)}&to=${utcDay(now - 50 * DAY_MS)}`;
  const report = async (url: string, name: string) =>
    (await (await fetch(`${url}/api/reports/${name}?${oldRange}`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json()).data;
  const kept = () => {
    const db = new SqliteDatabase(dbPath, { readonly: true });
    try {
      const tables = db
        .prepare(
          "select name from sqlite_master where type = 'table' and name not in ('events', 'articles', 'admin_credentials') and name not like 'kysely%' and name not like 'sqlite%'",
        )
        .pluck()
        .all() as string[];
      return Object.fromEntries(tables.map((t) => [t, db.prepare(`select * from "${t}" order by 1, 2`).all()]));
    } finally {
      db.close();
    }
  };

  const keeping = await serveSite(fixtureSite(), { KB_DB_PATH: dbPath, KB_ADMIN_TOKEN: TOKEN, KB_RETENTION_DAYS: '0' });
  const names = ['overview', 'deflection', 'ratings', 'search', `article/${ARTICLE}`];
  const reportsBefore = await Promise.all(names.map((n) => report(keeping.url, n)));
  await keeping.stop();
  const tablesBefore = kept();

  const purging = await serveSite(fixtureSite(), { KB_DB_PATH: dbPath, KB_ADMIN_TOKEN: TOKEN, KB_RETENTION_DAYS: '30' });
  try {
    expect(await report(purging.url, 'overview')).toEqual(reportsBefore[0]); // the first request starts the runtime and its purge
    await expect.poll(() => purging.output(), { timeout: 10_000 }).toMatch(/Retention: purged \d+ raw events older than 30 days/);
    expect(await Promise.all(names.map((n) => report(purging.url, n)))).toEqual(reportsBefore);
  } finally {
    await purging.stop();
  }
  const db = new SqliteDatabase(dbPath, { readonly: true });
  try {
    const cutoff = now - 30 * DAY_MS;
    expect(db.prepare('select count(*) from events where ts < ?').pluck().get(cutoff)).toBe(0);
    expect(db.prepare('select count(*) from events where ts >= ?').pluck().get(cutoff)).toBe(5 * 3 + 2);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    db.close();
  }
  expect(kept()).toEqual(tablesBefore);
});
