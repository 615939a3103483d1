import { chmodSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { fixtureSite } from '../helpers/fixture-site.ts';
import { newSession, postEvents } from '../helpers/events-client.ts';
import { freshDatabase, freshSite } from '../helpers/reliability-site.ts';
import { rollupMismatches } from '../helpers/rollup-consistency.ts';
import { serveSite } from '../helpers/site-build.ts';

const ARTICLE = 'how-do-i-reset-my-password';

async function expectUnavailable(response: Response): Promise<void> {
  expect(response.status).toBe(503);
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect((await response.json()).error.code).toBe('store-unavailable');
}

describe('a full disk', () => {
  test('answers 503 with Retry-After once the database reaches its size limit, keeping every acknowledged batch whole and no part of a refused one', async () => {
    const { site, dbPath } = await freshSite({ KB_DB_MAX_MB: '1', KB_RATE_LIMIT_PER_MINUTE: '1000000' });
    const acknowledged: string[][] = [];
    let refused: string[] | undefined;
    try {
      for (let batch = 0; batch < 60 && !refused; batch++) {
        const sessions = Array.from({ length: 25 }, () => newSession());
        const events = sessions.map((session, i) => ({
          type: 'feedback',
          session,
          article: ARTICLE,
          vote: 'down',
          reason: 'other',
          comment: `${batch}/${i} ${'x'.repeat(1900)}`,
        }));
        const response = await postEvents(site.url, events);
        if (response.status === 202) acknowledged.push(sessions);
        else {
          await expectUnavailable(response);
          refused = sessions;
        }
      }
      expect(refused).toBeDefined();
      expect(acknowledged.length).toBeGreaterThan(0);
      // Pages are still served: only writes need room.
      expect((await fetch(`${site.url}/`)).status).toBe(200);
    } finally {
      await site.stop();
    }
    const db = new SqliteDatabase(dbPath, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = db.prepare('select count(*) from events e join sessions s on s.id = e.session_id where s.key = ?').pluck();
      expect(acknowledged.flat().filter((key) => stored.get(key) !== 1)).toEqual([]);
      expect(refused!.filter((key) => stored.get(key) !== 0)).toEqual([]);
      expect(db.prepare('select count(*) from comments').pluck().get()).toBe(acknowledged.length * 25);
      expect(rollupMismatches(db)).toEqual({});
    } finally {
      db.close();
    }
  });
});

describe('a read-only database file', () => {
  test('answers 503 with Retry-After and leaves the file untouched', async () => {
    const dbPath = await freshDatabase();
    const digest = () => createHash('sha256').update(readFileSync(dbPath)).digest('hex');
    const before = digest();
    chmodSync(dbPath, 0o444);
    // Root writes through file permissions, so as root the server runs without that capability, as a service user
    // would.
    const asRoot = process.getuid?.() === 0;
    const site = await serveSite(
      fixtureSite(),
      { KB_DB_PATH: dbPath },
      asRoot ? { commandPrefix: ['setpriv', '--bounding-set=-dac_override,-dac_read_search', '--'] } : {},
    );
    try {
      for (let i = 0; i < 3; i++)
        await expectUnavailable(await postEvents(site.url, [{ type: 'view', session: newSession(), article: ARTICLE }]));
      expect((await fetch(`${site.url}/`)).status).toBe(200);
    } finally {
      await site.stop();
    }
    expect(digest()).toBe(before);
  });
});
