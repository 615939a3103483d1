/**
 * Each person's weekly digest: the feedback assigned to them still open, the verdicts on edits of the articles they
 * own, and the week's new friction flags and content gaps. Only for people who want it, and only when there is
 * something to say.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { getInbox } from '../analytics/inbox.ts';
import { revisionRatings } from '../analytics/ratings.ts';
import { addDays, utcDay } from '../domain/utc-day.ts';
import { lastWeek, type Alert } from './find-alerts.ts';

export interface Digest {
  key: string;
  to: string;
  subject: string;
  text: string;
}

/** The Monday of `now`'s ISO week: one digest per person per week. */
export const weekOf = (now: number) => addDays(utcDay(now), -((new Date(now).getUTCDay() + 6) % 7));

export async function weeklyDigests(db: Kysely<Database>, origin: string, alerts: readonly Alert[], now = Date.now()): Promise<Digest[]> {
  const week = lastWeek(now);
  const people = await db.selectFrom('people').select(['id', 'email', 'name']).where('digest', '=', 1).orderBy('email').execute();
  // The week's verdicts once for everyone; each person's are those of the articles they own.
  const verdictsOf = new Map<string, Awaited<ReturnType<typeof revisionRatings>>>();
  for (const r of await revisionRatings(db, week)) if (r.change) verdictsOf.set(r.slug, [...(verdictsOf.get(r.slug) ?? []), r]);
  const digests: Digest[] = [];
  for (const person of people) {
    const inbox = await getInbox(db, { from: addDays(week.to, -89), to: week.to, assignee: person.email });
    const open = inbox.items.filter((i) => i.status !== 'done' && i.status !== 'wont_fix');
    const owned = await db.selectFrom('articles').select('slug').where('owner', '=', person.email).execute();
    const verdicts = owned.flatMap(({ slug }) => verdictsOf.get(slug) ?? []);
    const sections: string[] = [];
    if (open.length)
      sections.push(
        [
          `Feedback assigned to you, still open: ${open.length}`,
          ...open.slice(0, 5).map((i) => `- ${i.slug}: ${i.comment || `(${i.reason ?? i.vote})`} [${i.status}]`),
          `  ${origin}/reports/inbox?assignee=${encodeURIComponent(person.email)}`,
        ].join('\n'),
      );
    if (verdicts.length) sections.push(['Did your edits help?', ...verdicts.map((r) => `- ${r.slug}: ${r.change!.sentence}`)].join('\n'));
    if (alerts.length) sections.push(['New this week', ...alerts.map((a) => `- ${a.title}: ${a.evidence}\n  ${a.link}`)].join('\n'));
    if (sections.length === 0) continue;
    digests.push({
      key: `digest:${person.id}:${weekOf(now)}`,
      to: person.email,
      subject: `Your help center this week (${week.from} to ${week.to})`,
      text: [`Hello ${person.name},`, ...sections, `Turn this digest off on ${origin}/reports/account.`].join('\n\n'),
    });
  }
  return digests;
}
