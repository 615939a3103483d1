import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { newSession, postEvents } from '../helpers/events-client.ts';
import { freshSite, signIn } from '../helpers/reliability-site.ts';

const ARTICLE = 'how-do-i-reset-my-password';
const TOKEN = 'privacy-test-token-0123456789abcdef';
const ADDRESS = '203.0.113.234';
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 PrivacyProbe/9.9';
const COOKIE = 'cookie-probe-7f3a9c';

test('no IP address, user agent, cookie or admin secret is written anywhere in the database files', async () => {
  const { site, dbPath } = await freshSite({ KB_ADMIN_TOKEN: TOKEN });
  let sessionCookie: string;
  try {
    for (let i = 0; i < 3; i++) {
      const session = newSession();
      const response = await fetch(`${site.url}/api/events`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'User-Agent': USER_AGENT, 'X-Forwarded-For': ADDRESS, Cookie: `tracking=${COOKIE}` },
        body: JSON.stringify({
          events: [
            { type: 'view', session, article: ARTICLE },
            { type: 'feedback', session, article: ARTICLE, vote: 'down', comment: 'It did not help' },
            { type: 'contact', session, article: ARTICLE },
          ],
        }),
      });
      expect(response.status).toBe(202);
    }
    sessionCookie = (await signIn(site.url, TOKEN)).split('=')[1]!;
    expect((await fetch(`${site.url}/api/reports/overview`, { headers: { Cookie: `kb_admin=${sessionCookie}` } })).status).toBe(200);
    // Known to be stored, so the scan below is known to read what was written.
    expect((await postEvents(site.url, [{ type: 'search', session: newSession(), query: 'privacy scan marker', results: 1 }])).status).toBe(
      202,
    );
  } finally {
    await site.stop();
  }
  // The raw bytes of the database and its write-ahead log: deleted rows and free pages included.
  const bytes = Buffer.concat(
    ['', '-wal', '-shm']
      .map((suffix) => `${dbPath}${suffix}`)
      .filter(existsSync)
      .map((path) => readFileSync(path)),
  );
  expect(bytes.includes('privacy scan marker')).toBe(true);
  for (const secret of [ADDRESS, '203.0.113', 'PrivacyProbe', 'AppleWebKit', COOKIE, TOKEN, sessionCookie]) {
    expect(bytes.includes(secret), secret).toBe(false);
  }
});
