import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import type { EventStore } from '../../db/client.ts';
import { channelsFrom, deliverRound } from '../../src/alerts/deliver.ts';
import { parseEnv } from '../../src/schemas/env.ts';
import { Team } from '../../src/server/team.ts';
import { publish } from '../helpers/report-catalog.ts';
import { seed, type SeedEvent } from '../helpers/seed-events.ts';
import { freshTestStore } from '../helpers/test-store.ts';

interface Mail {
  to: string[];
  subject: string;
  text: string;
}
const mails: Mail[] = [];
const hooks: { status: number; text: string }[] = [];
let hookStatuses: number[] = [];
let smtp: SMTPServer;
let receiver: Server;
let smtpUrl: string;
let hookUrl: string;

beforeAll(async () => {
  // A real SMTP server on loopback: every message delivered is parsed as a mail client would.
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      simpleParser(stream).then(
        (parsed) => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: parsed.subject ?? '', text: parsed.text ?? '' });
          done();
        },
        (error: Error) => done(error),
      );
    },
  });
  await new Promise<void>((ready) => smtp.listen(0, '127.0.0.1', ready));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  // A Slack-compatible incoming webhook: a JSON body with `text`; answers as told (200 unless a test says otherwise).
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const status = hookStatuses.shift() ?? 200;
      hooks.push({ status, text: (JSON.parse(body) as { text: string }).text });
      response.writeHead(status).end(status === 200 ? 'ok' : 'server_error');
    });
  });
  await new Promise<void>((ready) => receiver.listen(0, '127.0.0.1', ready));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/services/T000/B000/XXXX`;
});
afterAll(async () => {
  await new Promise<void>((done) => smtp?.close(done));
  receiver?.close();
});

let store: EventStore;
beforeEach(async () => {
  store = await freshTestStore();
  mails.length = 0;
  hooks.length = 0;
  hookStatuses = [];
});
afterEach(() => store.close());

const NOW = Date.parse('2026-11-14T12:00:00Z');
const SETTINGS = { origin: 'https://help.example.com', minZeroResults: 20, digests: true };

/**
 * An edit that made export-to-csv worse this week (80 of 100 → 60 of 100), and why one of its down votes said so (the
 * same reader's vote again, with words: still one vote).
 */
async function history(): Promise<void> {
  await publish(store, { 'export-to-csv': { category: 'reports', product_area: 'reports', owner: 'wren@example.com' } });
  const team = new Team(store.db);
  await team.add({ email: 'lead@example.com', role: 'admin' });
  await team.add({ email: 'wren@example.com', name: 'Wren', role: 'editor' });
  const viewer = await team.add({ email: 'vi@example.com', role: 'viewer' });
  await store.db.updateTable('people').set({ digest: 0 }).where('id', '=', viewer.id).execute();
  const reader = (i: number, revision: string, up: boolean, at: string): SeedEvent[] => [
    { type: 'view', session: `alert-${revision}-${i}`, article: 'export-to-csv', revision, at },
    { type: 'feedback', session: `alert-${revision}-${i}`, article: 'export-to-csv', vote: up ? 'up' : 'down', revision, at },
  ];
  await seed(store, [
    ...Array.from({ length: 100 }, (_, i) => reader(i, 'r1', i < 80, '2026-11-09T10:00:00Z')).flat(),
    ...Array.from({ length: 100 }, (_, i) => reader(i, 'r2', i < 60, '2026-11-12T10:00:00Z')).flat(),
    {
      type: 'feedback',
      session: 'alert-r2-99',
      article: 'export-to-csv',
      vote: 'down',
      reason: 'unclear',
      comment: 'Where is the date column?',
      revision: 'r2',
      at: '2026-11-13T09:00:00Z',
    },
  ]);
}

test('each alert reaches the team by email and the chat webhook, each digest its person, once however often the round runs', async () => {
  await history();
  const channels = channelsFrom(
    parseEnv({ KB_SMTP_URL: smtpUrl, KB_ALERT_WEBHOOK_URL: hookUrl, KB_ALERT_FROM: 'Lantern <alerts@help.example.com>' }),
  );
  const first = await deliverRound(store.db, channels, SETTINGS, NOW);
  expect(first.map((o) => `${o.outcome} ${o.channel} ${o.key}`)).toEqual([
    'sent email friction:content:export-to-csv:worse-after-edit',
    'sent webhook friction:content:export-to-csv:worse-after-edit',
    'sent email edit:export-to-csv:r2',
    'sent webhook edit:export-to-csv:r2',
    'sent email digest:1:2026-11-09',
    'sent email digest:2:2026-11-09',
  ]);
  const evidence = 'helpful 80% [71–87%] n=100 → 60% [50–69%] n=100 since the edit of 12 Nov: worse, p = 0.002';
  expect(mails.slice(0, 2)).toEqual([
    {
      to: ['lead@example.com', 'wren@example.com'],
      subject: 'Content friction: export to csv',
      text: `Content friction: export to csv\nan edit made it worse: ${evidence}\nhttps://help.example.com/reports/friction?from=2026-11-08&to=2026-11-14\n`,
    },
    {
      to: ['lead@example.com', 'wren@example.com'],
      subject: 'An edit made export-to-csv worse',
      text: `An edit made export-to-csv worse\n${evidence}\nhttps://help.example.com/reports/articles/export-to-csv?from=2026-11-08&to=2026-11-14\n`,
    },
  ]);
  expect(hooks.map((h) => h.text)).toEqual([mails[0]!.text.trimEnd(), mails[1]!.text.trimEnd()]);

  const [lead, wren] = mails.slice(2);
  expect(lead!.to).toEqual(['lead@example.com']);
  expect(lead!.subject).toBe('Your help center this week (2026-11-08 to 2026-11-14)');
  expect(lead!.text).not.toContain('assigned to you');
  expect(wren!.to).toEqual(['wren@example.com']);
  expect(wren!.text).toContain('Hello Wren,');
  expect(wren!.text).toContain('Feedback assigned to you, still open: 1\n- export-to-csv: Where is the date column? [new]');
  expect(wren!.text).toContain(`Did your edits help?\n- export-to-csv: ${evidence}`);
  expect(wren!.text).toContain('New this week\n- Content friction: export to csv');
  expect(wren!.text).toContain('Turn this digest off on https://help.example.com/reports/account.');

  const again = await deliverRound(store.db, channels, SETTINGS, NOW + 60 * 60_000);
  expect(new Set(again.map((o) => o.outcome))).toEqual(new Set(['already sent']));
  expect([mails.length, hooks.length]).toEqual([4, 2]);
});

test('a delivery that fails is tried again after a wait that doubles, and then sent once', async () => {
  await history();
  const channels = channelsFrom(parseEnv({ KB_ALERT_WEBHOOK_URL: hookUrl }));
  hookStatuses = [500, 502];
  const outcomes = async (at: number) => (await deliverRound(store.db, channels, SETTINGS, at)).map((o) => o.outcome);
  expect(await outcomes(NOW)).toEqual(['failed', 'failed']);
  expect(await outcomes(NOW + 30_000)).toEqual(['waiting', 'waiting']);
  expect(await outcomes(NOW + 61_000)).toEqual(['sent', 'sent']);
  expect(await outcomes(NOW + 10 * 60_000)).toEqual(['already sent', 'already sent']);
  expect(hooks.map((h) => h.status)).toEqual([500, 502, 200, 200]);
  const rows = await store.db.selectFrom('deliveries').select(['key', 'attempts', 'last_error']).orderBy('key').execute();
  expect(rows).toEqual([
    { key: 'edit:export-to-csv:r2', attempts: 2, last_error: null },
    { key: 'friction:content:export-to-csv:worse-after-edit', attempts: 2, last_error: null },
  ]);
});

test('nothing is sent while the numbers rest on too little data, or with no channel set', async () => {
  await publish(store, { 'export-to-csv': { category: 'reports' } });
  await new Team(store.db).add({ email: 'lead@example.com', role: 'admin' });
  // 3 of 5 → 2 of 5: too few votes for a verdict or a flag; no comment, nothing assigned.
  await seed(
    store,
    ['r1', 'r2'].flatMap((revision, k) =>
      Array.from({ length: 5 }, (_, i): SeedEvent => ({
        type: 'feedback',
        session: `thin-${revision}-${i}`,
        article: 'export-to-csv',
        vote: i < 3 - k ? 'up' : 'down',
        revision,
        at: `2026-11-1${k}T10:00:00Z`,
      })),
    ),
  );
  const channels = channelsFrom(parseEnv({ KB_SMTP_URL: smtpUrl, KB_ALERT_WEBHOOK_URL: hookUrl }));
  expect(await deliverRound(store.db, channels, SETTINGS, NOW)).toEqual([]);
  expect(await deliverRound(store.db, channelsFrom(parseEnv({})), SETTINGS, NOW)).toEqual([]);
  expect([mails.length, hooks.length]).toEqual([0, 0]);
});
