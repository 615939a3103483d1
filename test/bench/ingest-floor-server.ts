/**
 * The ingest floor: a bare node:http server that parses each batch and inserts it, group-committed, into the same
 * tables (sessions, events, article_daily, query_daily) with prepared statements — no framework, no validation, no
 * dedupe, no per-session rows. `node test/bench/ingest-floor-server.ts <db> <port>`; the database must be migrated.
 */
import { createServer } from 'node:http';
import SqliteDatabase from 'better-sqlite3';
import { TYPE_CODES } from '../../src/events/event-codes.ts';
import { GroupCommit } from '../../src/events/group-commit.ts';
import { utcDay } from '../../src/events/utc-day.ts';
import type { Event } from '../../src/schemas/events.ts';

const [path, port] = [process.argv[2]!, Number(process.argv[3])];
const db = new SqliteDatabase(path);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
const session = db.prepare(
  'insert into sessions (key, started_at, last_seen_at) values (?, ?, ?) on conflict (key) where key is not null do update set last_seen_at = max(last_seen_at, excluded.last_seen_at) returning id',
);
const article = db.prepare('insert into articles (slug) values (?) on conflict (slug) do update set slug = excluded.slug returning id');
const query = db.prepare('insert into queries (text) values (?) on conflict (text) do update set text = excluded.text returning id');
const event = db.prepare('insert into events (ts, type, session_id, article_id, query_id, n1) values (?, ?, ?, ?, ?, ?)');
const view = db.prepare('insert into article_daily (day, article_id, views) values (?, ?, 1) on conflict (day, article_id) do update set views = views + 1');
const search = db.prepare('insert into query_daily (day, query_id, searches) values (?, ?, 1) on conflict (day, query_id) do update set searches = searches + 1');
const ids = new Map<string, number>();
const idOf = (statement: SqliteDatabase.Statement, key: string) => ids.get(key) ?? ids.set(key, (statement.get(key.slice(2)) as { id: number }).id).get(key)!;

const write = db.transaction((events: Event[]) => {
  const now = Date.now();
  const day = utcDay(now);
  for (const e of events) {
    const sessionId = (session.get(e.session, now, now) as { id: number }).id;
    const articleId = 'article' in e && e.article ? idOf(article, `a:${e.article}`) : null;
    const queryId = 'query' in e && e.query ? idOf(query, `q:${e.query}`) : null;
    event.run(now, TYPE_CODES[e.type], sessionId, articleId, queryId, e.type === 'search' ? e.results : null);
    if (e.type === 'view') view.run(day, articleId);
    if (e.type === 'search') search.run(day, queryId);
  }
});
const committer = new GroupCommit<Event>(async (events) => write(events));

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
