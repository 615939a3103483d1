import SqliteDatabase from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { createDb } from '../../db/client.ts';
import { fixtureSite } from '../helpers/fixture-site.ts';
import { freshDatabase } from '../helpers/reliability-site.ts';
import { newSession, postEvents } from '../helpers/events-client.ts';
import { seed } from '../helpers/seed-events.ts';
import { serveSite, type RunningSite } from '../helpers/site-build.ts';

const ARTICLE = 'how-do-i-reset-my-password';
let site: RunningSite | undefined;
afterAll(() => site?.stop());

test("the server closes a reader's session idle for two days under the category the current build gives its article", async () => {
  const path = await freshDatabase('lantern-closing-');
  // Written before the server starts, as by a server that stopped three days ago: the store knows the article by its
  // slug only, since no report has synced the catalog into it.
  const store = createDb(path);
  const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000).toISOString();
  await seed(store, [{ type: 'view', session: 'reader-three-days-ago', article: ARTICLE, at: threeDaysAgo }]);
  await store.close();

  site = await serveSite(fixtureSite(), { KB_DB_PATH: path });
  // The server's parts start with its first API request; the first closing pass runs then.
  expect((await postEvents(site.url, [{ type: 'view', session: newSession(), article: ARTICLE }])).status).toBe(202);
  const db = new SqliteDatabase(path, { readonly: true });
  try {
    const counted = () => db.prepare("select kind, name, kb_sessions from session_scope_daily where kind = 'category'").all();
    for (let i = 0; i < 50 && counted().length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(counted()).toEqual([{ kind: 'category', name: 'account-and-security', kb_sessions: 1 }]);
    expect(db.prepare("select key from sessions where key = 'reader-three-days-ago'").all()).toEqual([]);
  } finally {
    db.close();
  }
});
