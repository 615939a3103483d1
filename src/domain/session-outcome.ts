/**
 * What makes a session a help-center (KB) session, an escalated one or a confirmed deflection, written once as data:
 * the write path decides it in memory (`holds`), the read path and the session closer in SQL over the sessions table
 * aliased `s` (`outcomeSql`). Both are derived from the same rules, so they cannot drift. The words CS teams read
 * for each are in src/analytics/metric-definitions.ts.
 */
import { sql, type RawBuilder } from 'kysely';

/** The per-session counters an outcome is decided from (columns of `sessions`). */
export type SessionCounter = 'views' | 'searches' | 'contacts' | 'up_votes';
export type SessionCounts = Record<SessionCounter, number>;

/** An outcome holds when one of `anyOf` is above zero, every `allOf` is above zero and every `noneOf` is zero. */
interface OutcomeRule {
  anyOf: readonly SessionCounter[];
  allOf: readonly SessionCounter[];
  noneOf: readonly SessionCounter[];
}

const KB = ['views', 'searches'] as const;

export const SESSION_OUTCOMES = {
  /** At least one article view or search. */
  kb: { anyOf: KB, allOf: [], noneOf: [] },
  /** A KB session with a "Contact support" click. */
  escalated: { anyOf: KB, allOf: ['contacts'], noneOf: [] },
  /** A KB session with an up vote and no contact. */
  confirmed: { anyOf: KB, allOf: ['up_votes'], noneOf: ['contacts'] },
} as const satisfies Record<string, OutcomeRule>;
export type SessionOutcome = keyof typeof SESSION_OUTCOMES;

/** Whether a session with these counters has the outcome. */
export function holds(outcome: SessionOutcome, s: SessionCounts): boolean {
  const rule: OutcomeRule = SESSION_OUTCOMES[outcome];
  return rule.anyOf.some((c) => s[c] > 0) && rule.allOf.every((c) => s[c] > 0) && rule.noneOf.every((c) => s[c] === 0);
}

/** The outcome as a SQL condition on the sessions table aliased `s`. */
export function outcomeSql(outcome: SessionOutcome): RawBuilder<boolean> {
  const rule: OutcomeRule = SESSION_OUTCOMES[outcome];
  const column = (c: SessionCounter) => sql.ref(`s.${c}`);
  const any = sql.join(
    rule.anyOf.map((c) => sql`${column(c)} > 0`),
    sql` or `,
  );
  const all = [...rule.allOf.map((c) => sql`${column(c)} > 0`), ...rule.noneOf.map((c) => sql`${column(c)} = 0`)];
  return all.length ? sql<boolean>`((${any}) and ${sql.join(all, sql` and `)})` : sql<boolean>`(${any})`;
}

/** 1 when the session has the outcome, else 0: for sums in SQL. */
export const outcomeCount = (outcome: SessionOutcome) => sql<number>`case when ${outcomeSql(outcome)} then 1 else 0 end`;

/** Deflection rate = (KB sessions − escalated) / KB sessions; null without KB sessions. */
export const deflectionRate = (kbSessions: number, escalated: number): number | null =>
  kbSessions === 0 ? null : (kbSessions - escalated) / kbSessions;

/**
 * Self-service score = KB sessions / escalated sessions; null when nothing escalated (shown as "∞" beside the counts).
 */
export const selfServiceScore = (kbSessions: number, escalated: number): number | null => (escalated === 0 ? null : kbSessions / escalated);
