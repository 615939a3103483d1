/** A fixture help center on a fresh database, and the low-level probes the reliability tests use on it. */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type SqliteDatabase from 'better-sqlite3';
import { createDb } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { fixtureSite } from './fixture-site.ts';
import { serveSite, type RunningSite } from './site-build.ts';

export interface FreshSite {
  site: RunningSite;
  dbPath: string;
  dist: string;
}

export async function freshDatabase(prefix = 'lantern-reliability-'): Promise<string> {
  const dbPath = join(mkdtempSync(join(tmpdir(), prefix)), 'kb.sqlite');
  const store = createDb(dbPath);
  await migrateToLatest(store.db);
  await store.close();
  return dbPath;
}

/** The fixture site served on a new migrated database; clients are told apart by X-Forwarded-For. */
export async function freshSite(env: Record<string, string> = {}): Promise<FreshSite> {
  const dist = fixtureSite();
  const dbPath = await freshDatabase();
  const site = await serveSite(dist, { KB_DB_PATH: dbPath, KB_TRUST_PROXY: '1', ...env });
  return { site, dbPath, dist };
}

/** Rows in every table: a rejected request must leave all of them as they were. */
export function rowCounts(db: SqliteDatabase.Database): Record<string, number> {
  const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`select count(*) from "${t}"`).pluck().get() as number]));
}

export function residentMemoryMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

let signIns = 0;

/**
 * Signs in to the dashboard with the admin token (each time from another address, below the login limit); returns the
 * Cookie header value.
 */
export async function signIn(url: string, token: string): Promise<string> {
  const from = `198.18.${Math.floor(signIns / 250)}.${signIns++ % 250}`;
  const response = await fetch(`${url}/reports/login`, {
    method: 'POST',
    body: new URLSearchParams({ token }),
    redirect: 'manual',
    headers: { 'X-Forwarded-For': from },
  });
  const cookie = response.headers.getSetCookie().find((c) => c.includes('='));
  if (!cookie) throw new Error(`sign-in failed with ${response.status}`);
  return cookie.split(';')[0]!;
}

/** The CSRF token the dashboard puts in its forms for this session (read from a page, as a browser would). */
export async function csrfOf(url: string, cookie: string, page = '/reports/definitions'): Promise<string> {
  const html = await (await fetch(`${url}${page}`, { headers: { Cookie: cookie } })).text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error(`no CSRF token on ${page}`);
  return token;
}

/** Posts a dashboard form as the browser does: same origin, the session cookie and its CSRF token. */
export async function postForm(url: string, path: string, cookie: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: 'POST',
    body: new URLSearchParams({ _csrf: await csrfOf(url, cookie), ...fields }),
    headers: { Cookie: cookie, Origin: url },
    redirect: 'manual',
  });
}

/**
 * Writes raw bytes to the server over TCP (for requests fetch will not send: unfinished bodies and headers,
 * broken encodings) and reads until the server closes the connection or `waitMs` passes.
 */
export function rawExchange(
  url: string,
  request: string,
  options: { waitMs?: number } = {},
): Promise<{ status: number | undefined; closed: boolean; text: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((done) => {
    const socket = connect(Number(port), hostname);
    let text = '';
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      done({ status: status ? Number(status) : undefined, closed, text });
    };
    const timer = setTimeout(() => finish(false), options.waitMs ?? 10_000);
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.write(request);
  });
}
