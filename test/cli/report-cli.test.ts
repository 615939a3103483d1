import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { fixtureSite } from '../helpers/fixture-site.ts';
import { freshStore, seed } from '../helpers/seed-events.ts';
import { ROOT } from '../helpers/site-build.ts';
import { Team } from '../../src/server/team.ts';

const ARTICLE = 'how-do-i-reset-my-password';
let dbPath: string;
let buildDir: string;

beforeAll(async () => {
  buildDir = join(fixtureSite(), '..');
  const store = await freshStore();
  dbPath = store.path;
  await seed(store, [
    { type: 'search', session: 'session-cli-1', query: 'reset password', results: 2, at: '2026-11-10T10:00:00Z' },
    { type: 'view', session: 'session-cli-1', article: ARTICLE, at: '2026-11-10T10:01:00Z' },
    { type: 'feedback', session: 'session-cli-1', article: ARTICLE, vote: 'up', at: '2026-11-10T10:02:00Z' },
    { type: 'view', session: 'session-cli-2', article: ARTICLE, at: '2026-11-11T10:00:00Z' },
    { type: 'contact', session: 'session-cli-2', article: ARTICLE, at: '2026-11-11T10:01:00Z' },
  ]);
  await store.close();
});

function report(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['src/cli/report.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, KB_DB_PATH: dbPath, KB_BUILD_DIR: buildDir, ...env },
  });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

test('prints the overview as an aligned table with rates as percentages and the ratio as "n : 1"', () => {
  const { status, out } = report(['overview', '--from', '2026-11-01', '--to', '2026-11-30']);
  expect(status).toBe(0);
  expect(out).toContain('overview · 2026-11-01 to 2026-11-30');
  const lines = out.split('\n');
  const row = (metric: string) => lines.find((l) => l.startsWith(`${metric} `))!.split(/\s{2,}/);
  expect(row('kbSessions')).toEqual(['kbSessions', '2', '0', '–', 'count']);
  expect(row('deflectionRate')).toEqual(['deflectionRate', '50.0%', '–', '–', 'rate']);
  expect(row('selfServiceScore')).toEqual(['selfServiceScore', '2.0 : 1', '–', '–', 'ratio']);
  // Columns line up: every row of the metrics table is as wide as its header rule or narrower.
  const header = lines.findIndex((l) => l.startsWith('metric  '));
  expect(lines[header + 1]).toMatch(/^─+ {2}─+/);
});

test('shows the self-service score as ∞ when sessions never escalated', () => {
  const { status, out } = report(['deflection', '--from', '2026-11-10', '--to', '2026-11-10', '--table', 'summary']);
  expect(status).toBe(0);
  expect(
    out
      .split('\n')
      .find((l) => /^\s+1\s/.test(l))!
      .split(/\s{2,}/)
      .map((c) => c.trim()),
  ).toEqual(['', '1', '0', '100.0%', '∞', '1', '0', '100.0%', '∞']);
});

test('prints JSON and CSV that match the API', () => {
  const json = report(['article', ARTICLE, '--from', '2026-11-01', '--to', '2026-11-30', '--format', 'json']);
  expect(json.status).toBe(0);
  const body = JSON.parse(json.out);
  expect(body).toMatchObject({
    report: 'article',
    params: { from: '2026-11-01', to: '2026-11-30' },
    data: { slug: ARTICLE, views: 2, escalations: 1 },
  });
  expect(body.data.title).toEqual(expect.any(String));
  const csv = report(['ratings', '--from', '2026-11-01', '--to', '2026-11-30', '--format', 'csv']);
  expect(csv.status).toBe(0);
  expect(csv.out.split('\r\n')[0]).toBe(
    'slug,title,category,product_area,up,down,n,helpfulness,lower,upper,enough_votes,outdated,unclear,didnt_solve,product_issue,other,comments',
  );
  expect(csv.out.split('\r\n')[1]).toMatch(new RegExp(`^${ARTICLE},.*,1,0,1,1,`));
});

test('names the bad option, the unknown report, and a missing database', () => {
  const badDate = report(['ratings', '--from', '2026-02-30']);
  expect(badDate.status).toBe(1);
  expect(badDate.err).toContain('--from: is not a calendar date');
  const unknown = report(['ratingz']);
  expect(unknown.status).toBe(1);
  expect(unknown.err).toContain('Reports: overview, deflection, ratings, friction, search, content, tutorials, inbox, article/<slug>');
  const noDb = report(['overview'], { KB_DB_PATH: join(mkdtempSync(join(tmpdir(), 'lantern-none-')), 'kb.sqlite') });
  expect(noDb.status).toBe(1);
  expect(noDb.err).toContain('npm run demo');
});

test('shows a writer the inbox items of their articles, by status, and names a bad filter by its option', async () => {
  const store = await freshStore();
  const team = new Team(store.db);
  const wren = await team.add({ email: 'wren@example.com', role: 'editor' });
  await seed(store, [
    {
      type: 'feedback',
      session: 'session-cli-3',
      article: ARTICLE,
      vote: 'down',
      reason: 'outdated',
      comment: 'The form moved',
      at: '2026-11-12T10:00:00Z',
    },
    { type: 'feedback', session: 'session-cli-4', article: ARTICLE, vote: 'down', reason: 'unclear', at: '2026-11-13T10:00:00Z' },
  ]);
  const [{ id }] = await store.db.selectFrom('comments').select('id').where('comment', '=', 'The form moved').execute();
  await store.db.insertInto('feedback_triage').values({ comment_id: id, status: 'planned', assignee_id: wren.id, updated_at: 0 }).execute();
  await store.close();
  const inbox = (...args: string[]) => report(['inbox', '--from', '2026-11-01', '--to', '2026-11-30', ...args], { KB_DB_PATH: store.path });

  const mine = inbox('--owner', 'Wren@Example.com');
  expect(mine.status).toBe(0);
  expect(mine.out).toMatch(/items \(1\)\n/);
  expect(mine.out).toMatch(/how-do-i-reset-my-password .* down\s+outdated\s+planned\s+wren@example\.com\s+0\s+The form moved/);
  expect(inbox('--status', 'new').out).toMatch(/items \(1\)\n[\s\S]*unclear\s+new/);
  const bad = inbox('--status', 'closed');
  expect(bad.status).toBe(1);
  expect(bad.err).toContain('--status: must be one of new, acknowledged, planned, done, wont_fix');
});
