/**
 * The inbox as a team would have left it: feedback older than a week triaged into every status (most done, some
 * planned, acknowledged or won't fix, with a note on what was done), the last week's still new. Chosen by a hash of
 * each item's id and the seed, so the same demo gives the same inbox.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { FeedbackStatus } from '../domain/feedback-status.ts';
import { DAY_MS } from '../domain/utc-day.ts';

const MIX: readonly (readonly [FeedbackStatus, number])[] = [
  ['done', 0.4],
  ['wont_fix', 0.1],
  ['planned', 0.15],
  ['acknowledged', 0.15],
  ['new', 0.2],
];
const NOTES: Partial<Record<FeedbackStatus, string>> = {
  done: 'Updated the article.',
  wont_fix: 'Works as designed: replied to the customer.',
  planned: 'In the next content sprint.',
};
const TRIAGER = 'demo@example.com';

/** A share in [0, 1) from an item's id and the seed (a 32-bit integer hash). */
function share(id: number, seed: number): number {
  let h = (id ^ Math.imul(seed, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

export async function triageDemoFeedback(db: Kysely<Database>, endMs: number, seed: number): Promise<Record<FeedbackStatus, number>> {
  const counts = { new: 0, acknowledged: 0, planned: 0, done: 0, wont_fix: 0 } as Record<FeedbackStatus, number>;
  // Only items nobody triaged yet: a demo written into a store that has one keeps what is there.
  const items = await db
    .selectFrom('comments as c')
    .leftJoin('feedback_triage as t', 't.comment_id', 'c.id')
    .select(['c.id', 'c.ts'])
    .where('t.comment_id', 'is', null)
    .where('c.ts', '<', endMs - 7 * DAY_MS)
    .orderBy('c.id')
    .execute();
  await db.transaction().execute(async (trx) => {
    for (const { id, ts } of items) {
      let at = share(id, seed);
      const status = MIX.find(([, weight]) => (at -= weight) < 0)?.[0] ?? 'new';
      counts[status]++;
      if (status === 'new') continue;
      const when = Number(ts) + 2 * DAY_MS;
      await trx.insertInto('feedback_triage').values({ comment_id: id, status, assignee_id: null, updated_at: when }).execute();
      const note = NOTES[status];
      if (note) await trx.insertInto('feedback_notes').values({ comment_id: id, author: TRIAGER, at: when, text: note }).execute();
    }
  });
  return counts;
}
