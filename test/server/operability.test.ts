import parsePrometheusTextFormat, { type Family } from 'parse-prometheus-text-format';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { newSession, postEvents } from '../helpers/events-client.ts';
import { freshSite, type FreshSite } from '../helpers/reliability-site.ts';

const METRICS_TOKEN = 'metrics-test-token-0123456789abcdef';
const ADMIN_TOKEN = 'metrics-test-admin-0123456789abcdef';
const ARTICLE = 'how-do-i-reset-my-password';

let fresh: FreshSite;
beforeAll(async () => {
  fresh = await freshSite({ KB_METRICS_TOKEN: METRICS_TOKEN, KB_ADMIN_TOKEN: ADMIN_TOKEN });
});
afterAll(() => fresh?.site.stop());

const scrape = (token = METRICS_TOKEN) => fetch(`${fresh.site.url}/metrics`, { headers: { Authorization: `Bearer ${token}` } });
const family = (families: Family[], name: string) => families.find((f) => f.name === name);
const valueOf = (families: Family[], name: string, labels: Record<string, string> = {}) =>
  Number(family(families, name)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))?.value ?? 0);

test('counts event requests by outcome, events accepted, commit groups and report times, in the Prometheus text format', async () => {
  const session = newSession();
  for (let i = 0; i < 3; i++)
    expect(
      (
        await postEvents(fresh.site.url, [
          { type: 'view', session, article: ARTICLE },
          { type: 'search', session, query: `secret words ${i}`, results: 1 },
        ])
      ).status,
    ).toBe(202);
  expect((await postEvents(fresh.site.url, [{ type: 'view', session, article: 'no-such-article' }])).status).toBe(400);
  const bot = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
  expect((await postEvents(fresh.site.url, [{ type: 'view', session, article: ARTICLE }], { userAgent: bot })).status).toBe(202);
  expect((await fetch(`${fresh.site.url}/api/reports/search`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(200);

  const response = await scrape();
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  const families = parsePrometheusTextFormat(text);
  expect(valueOf(families, 'lantern_event_requests_total', { outcome: 'accepted' })).toBe(3);
  expect(valueOf(families, 'lantern_event_requests_total', { outcome: 'invalid' })).toBe(1);
  expect(valueOf(families, 'lantern_event_requests_total', { outcome: 'bot' })).toBe(1);
  expect(valueOf(families, 'lantern_events_accepted_total')).toBe(6);
  const groups = family(families, 'lantern_commit_group_events')!;
  expect(groups.type).toBe('HISTOGRAM');
  expect(Number(groups.metrics[0]!.sum)).toBe(6);
  expect(Number(family(families, 'lantern_event_commit_wait_seconds')!.metrics[0]!.count)).toBe(3);
  expect(family(families, 'lantern_report_seconds')?.type).toBe('HISTOGRAM');
  // The parser keeps no labels on a histogram's sum and count: read that line as it is.
  expect(text).toMatch(/^lantern_report_seconds_count\{report="search"\} 1$/m);
  expect(family(families, 'lantern_process_resident_memory_bytes')).toBeDefined();
  // Counts only: nothing a reader sent is in them.
  expect(text).not.toContain(session);
  expect(text).not.toContain('secret words');
  expect(text).not.toContain(ARTICLE);
});

test('answers 401 without the metrics token, and never to the admin token', async () => {
  expect((await fetch(`${fresh.site.url}/metrics`)).status).toBe(401);
  expect((await scrape(ADMIN_TOKEN)).status).toBe(401);
});

test('logs each request as one JSON line with its method, path, status and time, and nothing a reader typed or is', async () => {
  const query = 'secret search words';
  expect((await fetch(`${fresh.site.url}/search/?q=${encodeURIComponent(query)}`)).status).toBe(200);
  await expect
    .poll(
      () =>
        fresh.site
          .output()
          .split('\n')
          .filter((l) => l.includes('"path":"/search/"')).length,
    )
    .toBeGreaterThan(0);
  const line = fresh.site
    .output()
    .split('\n')
    .find((l) => l.includes('"path":"/search/"'))!;
  const entry = JSON.parse(line) as Record<string, unknown>;
  expect(entry).toMatchObject({ level: 30, msg: 'request', method: 'GET', path: '/search/', status: 200 });
  expect(typeof entry.ms).toBe('number');
  expect(typeof entry.time).toBe('string');
  expect(Object.keys(entry).sort()).toEqual(['level', 'method', 'ms', 'msg', 'path', 'status', 'time']);
  expect(fresh.site.output()).not.toContain('secret');
  expect(fresh.site.output()).not.toContain('127.0.0.1"');
});
