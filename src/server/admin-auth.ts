/**
 * The admin token (KB_ADMIN_TOKEN, or one generated at first start and kept only as a hash), its one-time login links
 * and the dashboard sessions opened with it: how the first admin gets in, and what scripts may keep using. People of
 * the team sign in by team.ts. Every comparison is constant-time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export const SESSION_COOKIE = 'kb_admin';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const LOGIN_LINK_TTL_MS = 24 * 60 * 60 * 1000;

/** 32 random bytes, URL-safe: 256 bits, far beyond guessing. */
export const newToken = (): string => randomBytes(32).toString('base64url');
const digest = (token: string): Buffer => createHash('sha256').update(token).digest();
export const hashToken = (token: string): string => digest(token).toString('hex');

/** Compares digests, so the time taken depends neither on where the inputs differ nor on their lengths. */
export function sameToken(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

function matchesHash(given: string, hashes: string[]): boolean {
  const candidate = digest(given);
  let found = false;
  for (const hash of hashes) found = timingSafeEqual(candidate, Buffer.from(hash, 'hex')) || found;
  return found;
}

export function bearerToken(header: string | null): string | undefined {
  const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(header ?? '');
  return match?.[1];
}

export function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=').slice(0, 512);
  }
  return undefined;
}

export class AdminAuth {
  private readonly db: Kysely<Database>;
  private readonly envToken: string | undefined;
  constructor(db: Kysely<Database>, envToken: string | undefined) {
    this.db = db;
    this.envToken = envToken;
  }

  private async hashes(kind: 'admin' | 'login' | 'session', now: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('admin_credentials')
      .select('hash')
      .where('kind', '=', kind)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .execute();
    return rows.map((r) => r.hash);
  }

  /** The admin token (KB_ADMIN_TOKEN, or the generated one). */
  async isAdminToken(token: string, now = Date.now()): Promise<boolean> {
    if (this.envToken !== undefined) return sameToken(token, this.envToken);
    return matchesHash(token, await this.hashes('admin', now));
  }

  /** A live dashboard session opened with the admin token. */
  async isSession(token: string, now = Date.now()): Promise<boolean> {
    return matchesHash(token, await this.hashes('session', now));
  }

  /** Stores only the hash of a new credential and returns the token, which is never stored. */
  async issue(kind: 'admin' | 'login' | 'session', ttlMs: number | null, now = Date.now()): Promise<string> {
    const token = newToken();
    // Expired sessions and links would otherwise pile up and be compared on every request.
    await this.db.deleteFrom('admin_credentials').where('expires_at', '<=', now).execute();
    await this.db
      .insertInto('admin_credentials')
      .values({ kind, hash: hashToken(token), created_at: now, expires_at: ttlMs === null ? null : now + ttlMs })
      .execute();
    return token;
  }

  /** Trades a one-time login code for a session token; the code is deleted, so a second use fails. */
  async redeemLogin(code: string, now = Date.now()): Promise<string | undefined> {
    if (!matchesHash(code, await this.hashes('login', now))) return undefined;
    const used = await this.db
      .deleteFrom('admin_credentials')
      .where('kind', '=', 'login')
      .where('hash', '=', hashToken(code))
      .executeTakeFirst();
    if (Number(used.numDeletedRows) !== 1) return undefined; // redeemed concurrently
    return this.issue('session', SESSION_TTL_MS, now);
  }

  /** The admin token typed into the login form: a new session token, or undefined when it is wrong. */
  async signIn(token: string, now = Date.now()): Promise<string | undefined> {
    return (await this.isAdminToken(token, now)) ? this.issue('session', SESSION_TTL_MS, now) : undefined;
  }

  async endSession(session: string): Promise<void> {
    await this.db.deleteFrom('admin_credentials').where('kind', '=', 'session').where('hash', '=', hashToken(session)).execute();
  }

  async hasAdminToken(): Promise<boolean> {
    if (this.envToken !== undefined) return true;
    const row = await this.db.selectFrom('admin_credentials').select('id').where('kind', '=', 'admin').executeTakeFirst();
    return row !== undefined;
  }
}

/** The session cookie: HttpOnly, SameSite=Strict, and Secure whenever the dashboard is served over HTTPS. */
export function sessionCookie(token: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_TTL_MS / 1000}${secure ? '; Secure' : ''}`;
}
export const CLEARED_SESSION_COOKIE = `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
