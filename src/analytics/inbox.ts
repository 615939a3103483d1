/**
 * The feedback inbox: every comment and every down vote with a reason in the range, newest first, with its article,
 * revision, status, assignee (by default the person the article's frontmatter names as owner) and internal notes.
 * Filters: category, product area, status, article, reason, assignee, and "after" a time (new since a last visit).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Reason } from '../domain/event-kinds.ts';
import { FEEDBACK_STATUSES, type FeedbackStatus } from '../domain/feedback-status.ts';
import type { ReportParams } from '../schemas/report-params.ts';
import { articleScope } from './article-scope.ts';
import { epochBounds } from './report-period.ts';
import { column, defineTable, type Table } from './report-table.ts';

const OPEN = new Set<FeedbackStatus>(['new', 'acknowledged', 'planned']);

/** Each article's latest revision: the one the server saw first most recently. */
async function latestRevisions(db: Kysely<Database>, slugs: string[]): Promise<Map<string, { revision: string; since: number }>> {
  if (slugs.length === 0) return new Map();
  const rows = await db
    .selectFrom('revisions as r')
    .innerJoin('articles as a', 'a.id', 'r.article_id')
    .select(['a.slug', 'r.revision', 'r.first_seen_at'])
    .where('a.slug', 'in', slugs)
    .orderBy('r.first_seen_at')
    .orderBy('r.id')
    .execute();
  return new Map(rows.map((r) => [r.slug, { revision: r.revision, since: Number(r.first_seen_at) }]));
}

/** Items shown at once; the counts cover them all. */
export const INBOX_LIMIT = 500;

export interface InboxNote {
  author: string;
  at: number;
  text: string;
}
export interface InboxItem {
  id: number;
  at: number;
  slug: string;
  title: string | null;
  revision: string | null;
  vote: 'up' | 'down';
  reason: Reason | null;
  /** Exactly as the reader wrote it; empty for a down vote with only a reason. */
  comment: string;
  status: FeedbackStatus;
  /** The assignee's email: the one set in the inbox, else the article's owner when they are on the team. */
  assignee: string | null;
  notes: InboxNote[];
}
/** An article edited since some of its open items were written: the edit may have addressed them. */
export interface EditedSince {
  slug: string;
  /** The article's latest revision and the time the server first saw it. */
  revision: string;
  since: number;
  /** Ids of the open items (new, acknowledged, planned) given on older revisions. */
  open: number[];
}
export interface Inbox {
  items: InboxItem[];
  editedSince: EditedSince[];
  /** Items matching every filter but the status, by status. */
  byStatus: Record<FeedbackStatus, number>;
}

export async function getInbox(db: Kysely<Database>, params: ReportParams): Promise<Inbox> {
  const { start, end } = epochBounds(params);
  const base = db
    .selectFrom('comments as c')
    .innerJoin('articles as a', 'a.id', 'c.article_id')
    .leftJoin('feedback_triage as t', 't.comment_id', 'c.id')
    .leftJoin('people as assigned', 'assigned.id', 't.assignee_id')
    .leftJoin('people as owner', (join) => join.on(sql`owner.email`, '=', sql`lower(a.owner)`))
    .where('c.ts', '>=', Math.max(start, params.since === undefined ? 0 : params.since + 1))
    .where('c.ts', '<', end)
    .where(articleScope(params))
    .$if(params.article !== undefined, (q) => q.where('a.slug', '=', params.article!))
    .$if(params.reason !== undefined, (q) => q.where('c.reason', '=', params.reason!));
  // The assignee as shown: set in the inbox, else the owner (a triage row without one keeps the owner too).
  const assignee = sql<string | null>`coalesce(assigned.email, owner.email)`;
  const filtered = base.$if(params.assignee !== undefined, (q) =>
    params.assignee === 'none' ? q.where(assignee, 'is', null) : q.where(assignee, '=', params.assignee!),
  );
  const status = sql<FeedbackStatus>`coalesce(t.status, 'new')`;
  const [counts, rows] = await Promise.all([
    filtered
      .select([status.as('status'), (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(status)
      .execute(),
    filtered
      .leftJoin('revisions as r', 'r.id', 'c.revision_id')
      .select([
        'c.id',
        'c.ts',
        'a.slug',
        'a.title',
        'r.revision',
        'c.vote',
        'c.reason',
        'c.comment',
        status.as('status'),
        assignee.as('assignee'),
      ])
      .$if(params.status !== undefined, (q) => q.where(status, '=', params.status!))
      .orderBy('c.ts', 'desc')
      .orderBy('c.id', 'desc')
      .limit(INBOX_LIMIT)
      .execute(),
  ]);
  const ids = rows.map((r) => r.id);
  const notes = ids.length
    ? await db
        .selectFrom('feedback_notes')
        .select(['comment_id', 'author', 'at', 'text'])
        .where('comment_id', 'in', ids)
        .orderBy('id')
        .execute()
    : [];
  const notesOf = new Map<number, InboxNote[]>();
  for (const n of notes)
    notesOf.set(n.comment_id, [...(notesOf.get(n.comment_id) ?? []), { author: n.author, at: Number(n.at), text: n.text }]);
  const latest = await latestRevisions(db, [...new Set(rows.map((r) => r.slug))]);
  const edited = new Map<string, EditedSince>();
  for (const r of rows) {
    const current = latest.get(r.slug);
    if (!current || r.revision === null || r.revision === current.revision || !OPEN.has(r.status)) continue;
    const entry = edited.get(r.slug) ?? { slug: r.slug, ...current, open: [] };
    entry.open.push(r.id);
    edited.set(r.slug, entry);
  }
  const byStatus = Object.fromEntries(FEEDBACK_STATUSES.map((s) => [s, 0])) as Record<FeedbackStatus, number>;
  for (const c of counts) byStatus[c.status] = Number(c.n);
  return {
    byStatus,
    editedSince: [...edited.values()],
    items: rows.map((r) => ({
      id: r.id,
      at: Number(r.ts),
      slug: r.slug,
      title: r.title,
      revision: r.revision,
      vote: r.vote,
      reason: r.reason as Reason | null,
      comment: r.comment,
      status: r.status,
      assignee: r.assignee,
      notes: notesOf.get(r.id) ?? [],
    })),
  };
}

export function inboxTables(inbox: Inbox): Table[] {
  return [
    defineTable(
      'items',
      [
        column('id', 'count'),
        column('at'),
        column('slug'),
        column('revision'),
        column('vote'),
        column('reason'),
        column('status'),
        column('assignee'),
        column('notes', 'count'),
        column('comment'),
      ],
      inbox.items.map((i) => ({
        id: i.id,
        at: new Date(i.at).toISOString().slice(0, 16).replace('T', ' '),
        slug: i.slug,
        revision: i.revision,
        vote: i.vote,
        reason: i.reason,
        status: i.status,
        assignee: i.assignee,
        notes: i.notes.length,
        comment: i.comment,
      })),
    ),
    defineTable(
      'statuses',
      [column('status'), column('items', 'count')],
      Object.entries(inbox.byStatus).map(([status, items]) => ({ status, items })),
    ),
  ];
}
