/**
 * Acting on feedback: set items' status, assign them to a person of the team, add internal notes. Items are never
 * deleted and a reader's words never change; every change is written to the audit log, item by item.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { InboxFormSchema, type FeedbackChange } from '../schemas/feedback-triage.ts';
import type { ActionResult } from './team-actions.ts';
import type { AuditLog } from './audit-log.ts';

export type TriageResult = { ok: true; changed: number } | { ok: false; status: 400 | 404; message: string };

export async function triageFeedback(
  db: Kysely<Database>,
  audit: AuditLog,
  ids: readonly number[],
  change: FeedbackChange,
  by: string,
  now = Date.now(),
): Promise<TriageResult> {
  const unique = [...new Set(ids)];
  const found = await db
    .selectFrom('comments as c')
    .leftJoin('feedback_triage as t', 't.comment_id', 'c.id')
    .leftJoin('people as p', 'p.id', 't.assignee_id')
    .select(['c.id', 't.status', 't.assignee_id', 'p.email as assignee'])
    .where('c.id', 'in', unique)
    .execute();
  if (found.length !== unique.length) {
    const missing = unique.filter((id) => !found.some((f) => f.id === id));
    return { ok: false, status: 404, message: `No feedback item ${missing.join(', ')}.` };
  }
  let assigneeId: number | null | undefined;
  if (change.assignee !== undefined && change.assignee !== null) {
    const person = await db.selectFrom('people').select('id').where('email', '=', change.assignee).executeTakeFirst();
    if (!person) return { ok: false, status: 400, message: `${change.assignee} is not on the team.` };
    assigneeId = person.id;
  } else if (change.assignee === null) assigneeId = null;

  const entries: [target: string, detail: string][] = [];
  await db.transaction().execute(async (trx) => {
    for (const item of found) {
      const status = change.status ?? item.status ?? 'new';
      const assignee = assigneeId === undefined ? item.assignee_id : assigneeId;
      if (change.status !== undefined || assigneeId !== undefined)
        await trx
          .insertInto('feedback_triage')
          .values({ comment_id: item.id, status, assignee_id: assignee, updated_at: now })
          .onConflict((oc) => oc.column('comment_id').doUpdateSet({ status, assignee_id: assignee, updated_at: now }))
          .execute();
      if (change.note !== undefined)
        await trx.insertInto('feedback_notes').values({ comment_id: item.id, author: by, at: now, text: change.note }).execute();
      const what = [
        change.status !== undefined && change.status !== (item.status ?? 'new')
          ? `status ${item.status ?? 'new'} → ${change.status}`
          : null,
        change.assignee !== undefined ? `assignee ${item.assignee ?? 'none'} → ${change.assignee ?? 'none'}` : null,
        change.note !== undefined ? 'note added' : null,
      ].filter(Boolean);
      if (what.length) entries.push([`feedback #${item.id}`, what.join('; ')]);
    }
  });
  // After the commit: the audit log writes on the store's own connection, which the transaction holds until then.
  for (const [target, detail] of entries) await audit.record(by, 'feedback-triage', target, detail, now);
  return { ok: true, changed: found.length };
}

/** When the person last opened the inbox (null the first time), and now is their last visit. */
export async function visitInbox(db: Kysely<Database>, personId: number, now = Date.now()): Promise<number | null> {
  const previous = await db.selectFrom('inbox_visits').select('visited_at').where('person_id', '=', personId).executeTakeFirst();
  await db
    .insertInto('inbox_visits')
    .values({ person_id: personId, visited_at: now })
    .onConflict((oc) => oc.column('person_id').doUpdateSet({ visited_at: now }))
    .execute();
  return previous ? Number(previous.visited_at) : null;
}

/** The inbox page's form: the items checked, or the one item a row's own button names, and the change. */
function inboxForm(form: FormData): unknown {
  const one = form.get('one');
  if (typeof one === 'string') {
    const [id, status] = one.split(':');
    return { ids: [id], change: { status } };
  }
  const field = (name: string) => (form.has(name) && form.get(name) !== 'keep' ? form.get(name) : undefined);
  return { ids: form.getAll('ids'), change: { status: field('status') || undefined, assignee: field('assignee'), note: field('note') } };
}

/** What the inbox page's form asks for, done, in words for the page. */
export async function inboxAction(db: Kysely<Database>, audit: AuditLog, by: string, form: FormData): Promise<ActionResult> {
  const parsed = InboxFormSchema.safeParse(inboxForm(form));
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => i.message).join('; ') };
  const done = await triageFeedback(db, audit, parsed.data.ids, parsed.data.change, by);
  return done.ok
    ? { ok: true, message: `Changed ${done.changed} item${done.changed === 1 ? '' : 's'}.` }
    : { ok: false, message: done.message };
}
