import { expect, test } from 'vitest';
import { getInbox } from '../../src/analytics/inbox.ts';
import { AuditLog } from '../../src/server/audit-log.ts';
import { triageFeedback } from '../../src/server/feedback-triage.ts';
import { Team } from '../../src/server/team.ts';
import { publish } from '../helpers/report-catalog.ts';
import { freshStorePerTest, seed, type SeedEvent } from '../helpers/seed-events.ts';

const store = freshStorePerTest();
const RANGE = { from: '2026-11-01', to: '2026-11-30' };

const feedback = (session: string, article: string, at: string, extra: object): SeedEvent =>
  ({ type: 'feedback', session, article, at, vote: 'down', ...extra }) as SeedEvent;

async function history() {
  await publish(store, {
    'connect-shopify': { category: 'integrations', product_area: 'sync' },
    'refund-a-payment': { category: 'payments', owner: 'Wren@Example.com' },
  });
  const team = new Team(store.db);
  await team.add({ email: 'wren@example.com', role: 'editor' });
  await team.add({ email: 'ed@example.com', role: 'editor' });
  await seed(store, [
    feedback('s1', 'connect-shopify', '2026-11-02T10:00:00Z', { reason: 'outdated', comment: 'The Shopify screen moved.' }),
    feedback('s2', 'connect-shopify', '2026-11-03T10:00:00Z', { reason: 'unclear' }),
    feedback('s3', 'refund-a-payment', '2026-11-04T10:00:00Z', { reason: 'didnt_solve', comment: 'Still charged twice' }),
    feedback('s4', 'refund-a-payment', '2026-11-05T10:00:00Z', { vote: 'up', comment: 'Clear, thanks' }),
    // Not items: a down vote without a reason or words, and a helpful vote without words.
    feedback('s5', 'refund-a-payment', '2026-11-06T10:00:00Z', {}),
    feedback('s6', 'refund-a-payment', '2026-11-06T11:00:00Z', { vote: 'up' }),
    // Outside the range.
    feedback('s7', 'connect-shopify', '2026-10-31T23:00:00Z', { reason: 'other', comment: 'October' }),
  ]);
}

test('lists comments and down votes with a reason, newest first, new and assigned to the article’s owner by default', async () => {
  await history();
  const inbox = await getInbox(store.db, RANGE);
  expect(inbox.items.map((i) => [i.slug, i.vote, i.reason, i.comment, i.status, i.assignee])).toEqual([
    ['refund-a-payment', 'up', null, 'Clear, thanks', 'new', 'wren@example.com'],
    ['refund-a-payment', 'down', 'didnt_solve', 'Still charged twice', 'new', 'wren@example.com'],
    ['connect-shopify', 'down', 'unclear', '', 'new', null],
    ['connect-shopify', 'down', 'outdated', 'The Shopify screen moved.', 'new', null],
  ]);
  expect(inbox.byStatus).toEqual({ new: 4, acknowledged: 0, planned: 0, done: 0, wont_fix: 0 });
});

test('a triaged item keeps its status, assignee and notes; the filters combine', async () => {
  await history();
  const audit = new AuditLog(store.db);
  const [, charged, unclear, moved] = (await getInbox(store.db, RANGE)).items.map((i) => i.id);
  expect(
    await triageFeedback(store.db, audit, [moved!, unclear!], { status: 'planned', assignee: 'ed@example.com' }, 'wren@example.com'),
  ).toEqual({
    ok: true,
    changed: 2,
  });
  await triageFeedback(store.db, audit, [charged!], { status: 'done', note: 'Refunds take 5 days: added to step 3.' }, 'wren@example.com');
  expect(await triageFeedback(store.db, audit, [charged!], { assignee: 'nobody@example.com' }, 'x')).toEqual({
    ok: false,
    status: 400,
    message: 'nobody@example.com is not on the team.',
  });
  expect(await triageFeedback(store.db, audit, [123456], { status: 'done' }, 'x')).toMatchObject({ ok: false, status: 404 });

  const planned = await getInbox(store.db, { ...RANGE, status: 'planned' });
  expect(planned.items.map((i) => [i.id, i.assignee])).toEqual([
    [unclear, 'ed@example.com'],
    [moved, 'ed@example.com'],
  ]);
  expect(planned.byStatus).toEqual({ new: 1, acknowledged: 0, planned: 2, done: 1, wont_fix: 0 });
  const done = await getInbox(store.db, { ...RANGE, status: 'done' });
  expect(done.items[0]!.notes).toEqual([
    { author: 'wren@example.com', at: expect.any(Number), text: 'Refunds take 5 days: added to step 3.' },
  ]);

  expect((await getInbox(store.db, { ...RANGE, reason: 'outdated' })).items.map((i) => i.id)).toEqual([moved]);
  expect((await getInbox(store.db, { ...RANGE, article: 'refund-a-payment', assignee: 'wren@example.com' })).items).toHaveLength(2);
  expect((await getInbox(store.db, { ...RANGE, assignee: 'none' })).items).toEqual([]);
  expect((await getInbox(store.db, { ...RANGE, category: 'integrations' })).items.map((i) => i.id)).toEqual([unclear, moved]);
  expect((await getInbox(store.db, { ...RANGE, since: Date.parse('2026-11-03T10:00:00Z') })).items.map((i) => i.id)).toHaveLength(2);
});

test('an article edited since some of its open items were written is offered to mark them addressed', async () => {
  await history();
  // A reader sees connect-shopify's new revision: the two open items given on r1 may be addressed by it.
  await seed(store, [{ type: 'view', session: 's8', article: 'connect-shopify', revision: 'r2', at: '2026-11-20T10:00:00Z' }]);
  const inbox = await getInbox(store.db, RANGE);
  const shopify = inbox.items.filter((i) => i.slug === 'connect-shopify').map((i) => i.id);
  expect(inbox.editedSince).toEqual([
    { slug: 'connect-shopify', revision: 'r2', since: Date.parse('2026-11-20T10:00:00Z'), open: shopify },
  ]);
  await triageFeedback(
    store.db,
    new AuditLog(store.db),
    shopify,
    { status: 'done', note: 'Addressed by the edit of 20 Nov.' },
    'wren@example.com',
  );
  expect((await getInbox(store.db, RANGE)).editedSince).toEqual([]);
});
