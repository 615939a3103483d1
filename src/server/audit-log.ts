/**
 * The audit log: who did what to whom, when. Appended to, never changed; entries older than the retention are pruned.
 * Actors and targets are written as text (an email, "admin token"), so an entry outlives the person it names.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { DAY_MS } from '../domain/utc-day.ts';

export const AUDIT_ACTIONS = [
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'sign-out-everywhere',
  'invite',
  'password-link',
  'password-set',
  'role-change',
  'remove',
  'token-create',
  'token-revoke',
  'export',
  'feedback-triage',
  'settings-change',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  at: number;
  actor: string;
  action: AuditAction;
  target: string | null;
  detail: string | null;
}

export class AuditLog {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  async record(
    actor: string,
    action: AuditAction,
    target: string | null = null,
    detail: string | null = null,
    at = Date.now(),
  ): Promise<void> {
    await this.db.insertInto('audit_log').values({ at, actor, action, target, detail }).execute();
  }

  /** Newest first. */
  async list(options: { since?: number; limit?: number } = {}): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .select(['at', 'actor', 'action', 'target', 'detail'])
      .where('at', '>=', options.since ?? 0)
      .orderBy('id', 'desc')
      .limit(options.limit ?? 10_000)
      .execute();
    return rows.map((r) => ({ ...r, at: Number(r.at), action: r.action as AuditAction }));
  }

  async prune(retentionDays: number, now = Date.now()): Promise<void> {
    await this.db
      .deleteFrom('audit_log')
      .where('at', '<', now - retentionDays * DAY_MS)
      .execute();
  }
}
