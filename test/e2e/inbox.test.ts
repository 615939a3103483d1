import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createDb, type Store } from '../../db/client.ts';
import { AuditLog } from '../../src/server/audit-log.ts';
import { Team } from '../../src/server/team.ts';
import { axeViolations, launchBrowser } from '../helpers/browser.ts';
import { newSession, postEvents } from '../helpers/events-client.ts';
import { freshSite, type FreshSite } from '../helpers/reliability-site.ts';

const ARTICLE = 'how-do-i-reset-my-password';
const PASSWORD = 'inbox triage happens before lunch';
const COMMENT = 'The reset link expired before I could use it. <b>Please</b> make it last longer';

let fresh: FreshSite;
let store: Store;
let browser: Browser;

beforeAll(async () => {
  fresh = await freshSite();
  store = createDb(fresh.dbPath);
  const team = new Team(store.db);
  for (const [email, role] of [
    ['ed@example.com', 'editor'],
    ['vi@example.com', 'viewer'],
  ] as const) {
    const person = await team.add({ email, role });
    await team.setPassword(await team.passwordLink(person.id), PASSWORD);
  }
  const [a, b, c] = [newSession(), newSession(), newSession()];
  expect(
    (
      await postEvents(fresh.site.url, [
        { type: 'feedback', session: a, article: ARTICLE, vote: 'down', reason: 'unclear', comment: COMMENT },
        { type: 'feedback', session: b, article: ARTICLE, vote: 'down', reason: 'outdated' },
        // A helpful vote without words asks nothing of anyone: not an item.
        { type: 'feedback', session: c, article: ARTICLE, vote: 'up' },
      ])
    ).status,
  ).toBe(202);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await store?.close();
  await fresh?.site.stop();
});

async function signedIn(email: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: fresh.site.url })).newPage();
  page.setDefaultTimeout(8_000);
  await page.goto('/reports/login');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  await page.getByRole('link', { name: 'Inbox' }).click();
  await page.getByRole('heading', { level: 1, name: 'Feedback inbox' }).waitFor();
  return page;
}

test('an editor assigns a comment, adds a note and marks it done; the audit log shows each change', async () => {
  const page = await signedIn('ed@example.com');
  const items = page.locator('.inbox-item');
  expect(await items.count()).toBe(2);
  const comment = items.filter({ hasText: 'The reset link expired' });
  // Exactly as the reader wrote it, markup shown as text.
  expect(await comment.locator('blockquote').textContent()).toBe(COMMENT);
  const id = Number((await comment.getByRole('checkbox').getAttribute('value'))!);

  // The keyboard: j moves down the list to the comment, x checks it.
  const position = (await items.allInnerTexts()).findIndex((text) => text.includes('The reset link expired'));
  await page.locator('h1').click();
  for (let i = 0; i <= position; i++) await page.keyboard.press('j');
  await page.keyboard.press('x');
  expect(await comment.getByRole('checkbox').isChecked()).toBe(true);
  await page.getByLabel('Assign to').selectOption('ed@example.com');
  await page.getByLabel('Internal note').fill('Links last 60 minutes: say so in step 2.');
  await page.getByRole('button', { name: 'Apply to checked' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain('Changed 1 item.');
  await page.getByRole('button', { name: `Mark feedback #${id} done` }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain('Changed 1 item.');

  const done = page.locator('.inbox-item').filter({ hasText: 'The reset link expired' });
  expect(await done.locator('.comment-meta').nth(1).textContent()).toMatch(/^done · assigned to ed@example\.com/);
  expect(await done.getByRole('list', { name: `Notes on feedback #${id}` }).textContent()).toContain(
    'Links last 60 minutes: say so in step 2. — ed@example.com',
  );
  await page.getByRole('link', { name: /^done \(1\)$/ }).click();
  expect(await page.locator('.inbox-item').count()).toBe(1);
  expect(await axeViolations(page)).toEqual([]);

  const entries = (await new AuditLog(store.db).list()).filter((e) => e.action === 'feedback-triage');
  expect(entries.map((e) => [e.actor, e.target, e.detail])).toEqual([
    ['ed@example.com', `feedback #${id}`, 'status new → done'],
    ['ed@example.com', `feedback #${id}`, 'assignee none → ed@example.com; note added'],
  ]);
});

test('a viewer reads the inbox but has nothing to triage with, and a forged change is refused', async () => {
  const page = await signedIn('vi@example.com');
  expect(await page.locator('.inbox-item').count()).toBe(2);
  expect(await page.getByRole('checkbox').count()).toBe(0);
  expect(await page.getByRole('button', { name: /Mark feedback/ }).count()).toBe(0);
  await expect.poll(() => page.locator('.lede').textContent()).toContain('Editors and admins triage them');
  const status = await page.evaluate(async () => {
    const csrf = (document.querySelector('input[name="_csrf"]') as HTMLInputElement).value;
    const response = await fetch('/reports/inbox', {
      method: 'POST',
      body: new URLSearchParams({ _csrf: csrf, ids: '1', status: 'wont_fix' }),
    });
    return response.status;
  });
  expect(status).toBe(403);
  expect((await new AuditLog(store.db).list()).filter((e) => e.actor === 'vi@example.com' && e.action === 'feedback-triage')).toEqual([]);
});
