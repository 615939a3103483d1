/**
 * The ingest floor: a bare node:http server that parses each batch and writes it, group-committed, into the same
 * tables as the write path with prepared statements, one upsert per event and table: the raw event (and comment), the
 * session and its per-article or per-query row, and each rollup at its four levels. No framework, no validation,
 * no dedupe, no final-vote or escalation logic: the writes any server keeping these tables must make, at the least
 * cost. `--narrow` writes only sessions, events, article_daily and query_daily (the floor's first, smaller job).
 * `node test/bench/ingest-floor-server.ts <db> <port> [--narrow]`; the database must be migrated.
 */
import { createServer } from 'node:http';
import SqliteDatabase from 'better-sqlite3';
import { reasonCode, TYPE_CODES, VOTE_CODES } from '../../src/domain/event-codes.ts';
import { CommitQueue } from '../../src/ingest/commit-queue.ts';
import { ROLLUP_KEY as keyOf, type RollupLevel, utcDay } from '../../src/domain/utc-day.ts';
import type { Event } from '../../src/schemas/events.ts';

const [path, port] = [process.argv[2]!, Number(process.argv[3])];
const narrow = process.argv.includes('--narrow');
const db = new SqliteDatabase(path);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');

const session = db.prepare(
  `insert into sessions (key, started_at, last_seen_at, views, searches, contacts, up_votes, down_votes) values (?, ?, ?, ?, ?, ?, ?, ?)
   on conflict (key) where key is not null do update set last_seen_at = max(last_seen_at, excluded.last_seen_at), views = views + excluded.views,
   searches = searches + excluded.searches, contacts = contacts + excluded.contacts, up_votes = up_votes + excluded.up_votes, down_votes = down_votes + excluded.down_votes
   returning id`,
);
const dimension = (table: string, column: string) =>
  db.prepare(
    `insert into ${table} (${column}) values (?) on conflict (${column}) do update set ${column} = excluded.${column} returning id`,
  );
const [article, query] = [dimension('articles', 'slug'), dimension('queries', 'text')];
const revision = db.prepare(
  "insert into revisions (article_id, revision, first_seen_at) values (?, 'floor', ?) on conflict (article_id, revision) do update set revision = excluded.revision returning id",
);
const event = db.prepare(
  'insert into events (ts, type, session_id, article_id, revision_id, query_id, n1, n2) values (?, ?, ?, ?, ?, ?, ?, ?)',
);
const comment = db.prepare(
  'insert into comments (article_id, session_id, revision_id, ts, vote, reason, comment) values (?, ?, ?, ?, ?, ?, ?)',
);
const sessionArticle = db.prepare(
  `insert into session_articles (session_id, article_id, day, first_view_at, last_view_at, views, vote, reason, vote_at, vote_day, revision_id, steps_reached)
   values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (session_id, article_id) do update set
   first_view_at = coalesce(first_view_at, excluded.first_view_at), last_view_at = coalesce(excluded.last_view_at, last_view_at), views = views + excluded.views,
   vote = coalesce(excluded.vote, vote), reason = coalesce(excluded.reason, reason), vote_at = coalesce(excluded.vote_at, vote_at),
   vote_day = coalesce(excluded.vote_day, vote_day), revision_id = coalesce(excluded.revision_id, revision_id), steps_reached = steps_reached | excluded.steps_reached`,
);
const sessionQuery = db.prepare(
  `insert into session_queries (session_id, query_id, day, searched_at, results, clicked) values (?, ?, ?, ?, ?, ?)
   on conflict (session_id, query_id) do update set clicked = max(clicked, excluded.clicked)`,
);
const LEVELS = Object.keys(keyOf) as RollupLevel[];
/**
 * `insert into <family>_<level> (day, keys…, counter) values (…, 1) on conflict do update set counter = counter + 1`,
 * per level and counter.
 */
function counter(family: string, keys: string[], name: string): ((day: string, ...key: number[]) => void) | undefined {
  if (narrow && !(name === 'views' || name === 'searches')) return undefined;
  const levels = narrow ? (['daily'] as const) : LEVELS;
  const statements = levels.map(
    (level) =>
      [
        keyOf[level],
        db.prepare(`insert into ${family}_${level} (day, ${keys.join(', ')}, ${name}) values (?, ${keys.map(() => '?').join(', ')}, 1)
          on conflict (day, ${keys.join(', ')}) do update set ${name} = ${name} + 1`),
      ] as const,
  );
  return (day, ...key) => {
    for (const [bucket, statement] of statements) statement.run(bucket(day), ...key);
  };
}
const articleCounter = (name: string) => counter('article', ['article_id'], name);
const count = {
  views: articleCounter('views'),
  clicks: articleCounter('search_clicks'),
  contacts: articleCounter('contacts'),
  up: articleCounter('up'),
  down: articleCounter('down'),
  comments: articleCounter('comments'),
  reasons: Object.fromEntries(['outdated', 'unclear', 'didnt_solve', 'product_issue', 'other'].map((r) => [r, articleCounter(r)])),
  searches: counter('query', ['query_id'], 'searches'),
  zeroResults: counter('query', ['query_id'], 'zero_results'),
  clicked: counter('query', ['query_id'], 'clicked'),
  upVotes: counter('revision_votes', ['article_id', 'revision_id'], 'up'),
  downVotes: counter('revision_votes', ['article_id', 'revision_id'], 'down'),
};
const queryClick = db.prepare(
  'insert into query_article_daily (article_id, day, query_id, clicks) values (?, ?, ?, 1) on conflict (article_id, day, query_id) do update set clicks = clicks + 1',
);
const steps = LEVELS.map(
  (level) =>
    [
      keyOf[level],
      db.prepare(`insert into tutorial_step_${level} (day, article_id, step, steps, sessions) values (?, ?, ?, ?, 1)
        on conflict (day, article_id, step) do update set sessions = sessions + 1, steps = max(steps, excluded.steps)`),
    ] as const,
);
const sessionDay = db.prepare(
  `insert into session_daily (day, kb_sessions, searches, first_session_id, last_session_id) values (?, ?, ?, ?, ?) on conflict (day) do update set
   kb_sessions = kb_sessions + excluded.kb_sessions, searches = searches + excluded.searches, first_session_id = min(first_session_id, excluded.first_session_id),
   last_session_id = max(last_session_id, excluded.last_session_id)`,
);

const ids = new Map<string, number>();
const idOf = (statement: SqliteDatabase.Statement, key: string, ...values: unknown[]) =>
  ids.get(key) ?? ids.set(key, (statement.get(...values) as { id: number }).id).get(key)!;

const write = db.transaction((events: Event[]) => {
  const now = Date.now();
  const day = utcDay(now);
  for (const e of events) {
    const is = (type: Event['type']) => Number(e.type === type);
    const vote = e.type === 'feedback' ? e.vote : null;
    const sessionId = (
      session.get(e.session, now, now, is('view'), is('search'), is('contact'), Number(vote === 'up'), Number(vote === 'down')) as {
        id: number;
      }
    ).id;
    const articleId = 'article' in e && e.article ? idOf(article, `a:${e.article}`, e.article) : null;
    const queryId = 'query' in e && e.query ? idOf(query, `q:${e.query}`, e.query) : null;
    const revisionId = articleId === null || narrow ? null : idOf(revision, `r:${articleId}`, articleId, now);
    const [n1, n2] =
      e.type === 'search'
        ? [e.results, null]
        : e.type === 'search_click'
          ? [e.position, null]
          : e.type === 'feedback'
            ? [VOTE_CODES[e.vote], reasonCode(e.reason)]
            : e.type === 'tutorial_step'
              ? [e.step, e.steps]
              : [null, null];
    event.run(now, TYPE_CODES[e.type], sessionId, articleId, revisionId, queryId, n1, n2);
    if (narrow) {
      if (e.type === 'view') count.views!(day, articleId!);
      if (e.type === 'search') count.searches!(day, queryId!);
      continue;
    }
    sessionDay.run(day, is('view') + is('search'), is('search'), sessionId, sessionId);
    if (e.type === 'view') {
      sessionArticle.run(sessionId, articleId, day, now, now, 1, null, null, null, null, null, 0);
      count.views!(day, articleId!);
    } else if (e.type === 'search') {
      sessionQuery.run(sessionId, queryId, day, now, e.results, 0);
      count.searches!(day, queryId!);
      if (e.results === 0) count.zeroResults!(day, queryId!);
    } else if (e.type === 'search_click') {
      sessionQuery.run(sessionId, queryId, day, now, 0, 1);
      count.clicks!(day, articleId!);
      count.clicked!(day, queryId!);
      queryClick.run(articleId, day, queryId);
    } else if (e.type === 'feedback') {
      sessionArticle.run(sessionId, articleId, day, null, null, 0, e.vote, e.reason ?? null, now, day, revisionId, 0);
      (e.vote === 'up' ? count.up : count.down)!(day, articleId!);
      (e.vote === 'up' ? count.upVotes : count.downVotes)!(day, articleId!, revisionId!);
      if (e.reason && e.vote === 'down') count.reasons[e.reason]!(day, articleId!);
      if (e.comment) {
        comment.run(articleId, sessionId, revisionId, now, e.vote, e.reason ?? null, e.comment);
        count.comments!(day, articleId!);
      }
    } else if (e.type === 'contact') {
      if (articleId !== null) count.contacts!(day, articleId);
    } else {
      sessionArticle.run(sessionId, articleId, day, null, null, 0, null, null, null, null, revisionId, 2 ** (e.step - 1));
      for (const [bucket, statement] of steps) statement.run(bucket(day), articleId, e.step, e.steps);
    }
  }
});
const committer = new CommitQueue<Event>(async (events) => write(events));

createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (c: Buffer) => chunks.push(c));
  request.on('end', () => {
    const { events } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { events: Event[] };
    committer.submit(events).then(
      () => response.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: events.length })),
      () => response.writeHead(503).end(),
    );
  });
}).listen(port, '127.0.0.1');
