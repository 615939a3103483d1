/**
 * Rollups laid out for range sums: daily rollups clustered by their key (no table lookup per row), monthly copies so a
 * year is 12 rows per article instead of 365, comments counted per article and day, and final votes per revision.
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

const ARTICLE_COUNTERS = ['views', 'view_sessions', 'escalations', 'contacts', 'search_clicks', 'up', 'down', 'outdated', 'unclear', 'didnt_solve', 'product_issue', 'other', 'comments'];
const QUERY_COUNTERS = ['searches', 'zero_results', 'clicked', 'escalated'];

const isSqlite = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof SqliteAdapter;

/** SQLite keeps a table with a composite key as a rowid table plus an index, unless told otherwise; PostgreSQL has no such clause. */
function clustered(db: Kysely<unknown>) {
  return isSqlite(db) ? sql`without rowid` : sql``;
}

/** The UTC day (YYYY-MM-DD) of an epoch-ms column. */
function utcDay(db: Kysely<unknown>, column: string) {
  return isSqlite(db) ? sql.raw(`strftime('%Y-%m-%d', ${column} / 1000, 'unixepoch')`) : sql.raw(`to_char(to_timestamp(${column} / 1000.0) at time zone 'UTC', 'YYYY-MM-DD')`);
}

async function counterTable(db: Kysely<unknown>, name: string, keys: [string, 'integer' | 'text'][], counters: string[], extra: [string, 'integer'][] = []) {
  let table = db.schema.createTable(name);
  for (const [column, type] of [...keys, ...extra]) table = table.addColumn(column, type, (c) => c.notNull());
  for (const counter of counters) table = table.addColumn(counter, 'integer', (c) => c.notNull().defaultTo(0));
  await table.addPrimaryKeyConstraint(`${name}_pk`, keys.map(([k]) => k) as never).modifyEnd(clustered(db)).execute();
}

/** Moves a rollup into a clustered table with the same name (and new counters, zero until backfilled). */
async function recreate(db: Kysely<unknown>, name: string, keys: [string, 'integer' | 'text'][], counters: string[], copied: string[], extra: [string, 'integer'][] = []) {
  await db.schema.alterTable(name).renameTo(`${name}_old`).execute();
  await counterTable(db, name, keys, counters, extra);
  const columns = [...keys.map(([k]) => k), ...extra.map(([k]) => k), ...copied].join(', ');
  await sql.raw(`insert into ${name} (${columns}) select ${columns} from ${name}_old`).execute(db);
  await db.schema.dropTable(`${name}_old`).execute();
}

/** The month's first day, YYYY-MM-01, from a YYYY-MM-DD text column. */
const monthOf = (column: string) => `substr(${column}, 1, 8) || '01'`;

async function monthly(db: Kysely<unknown>, daily: string, keys: string[], counters: string[], max: string[] = []) {
  const other = keys.filter((k) => k !== 'day');
  await sql
    .raw(
      `insert into ${daily.replace('_daily', '_monthly')} (day, ${[...other, ...max, ...counters].join(', ')})
       select ${monthOf('day')}, ${[...other, ...max.map((m) => `max(${m})`), ...counters.map((c) => `sum(${c})`)].join(', ')}
       from ${daily} group by ${monthOf('day')}, ${other.join(', ')}`,
    )
    .execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const oldArticleCounters = ARTICLE_COUNTERS.filter((c) => c !== 'comments');
  await recreate(db, 'article_daily', [['day', 'text'], ['article_id', 'integer']], ARTICLE_COUNTERS, oldArticleCounters);
  // One article's days (the article report) without reading every article's.
  await db.schema.createIndex('article_daily_article').on('article_daily').columns(['article_id', 'day']).execute();
  await sql`
    insert into article_daily (day, article_id, comments)
    select ${utcDay(db, 'ts')}, article_id, count(*) from comments group by 1, 2
    on conflict (day, article_id) do update set comments = excluded.comments`.execute(db);
  await recreate(db, 'query_daily', [['day', 'text'], ['query_id', 'integer']], QUERY_COUNTERS, QUERY_COUNTERS);
  await recreate(db, 'query_article_daily', [['article_id', 'integer'], ['day', 'text'], ['query_id', 'integer']], ['clicks'], ['clicks']);
  await recreate(db, 'tutorial_step_daily', [['day', 'text'], ['article_id', 'integer'], ['step', 'integer']], ['sessions'], ['sessions'], [['steps', 'integer']]);

  // Final votes per revision, by the vote's day: the ratings report's before-and-after-an-edit rows.
  await counterTable(db, 'revision_votes_daily', [['day', 'text'], ['article_id', 'integer'], ['revision_id', 'integer']], ['up', 'down']);
  await sql`
    insert into revision_votes_daily (day, article_id, revision_id, up, down)
    select vote_day, article_id, revision_id, sum(case when vote = 'up' then 1 else 0 end), sum(case when vote = 'down' then 1 else 0 end)
    from session_articles where vote is not null and revision_id is not null group by vote_day, article_id, revision_id`.execute(db);

  // Monthly copies, keyed by the month's first day: a range is its partial months' days plus its whole months.
  await counterTable(db, 'article_monthly', [['day', 'text'], ['article_id', 'integer']], ARTICLE_COUNTERS);
  await monthly(db, 'article_daily', ['day', 'article_id'], ARTICLE_COUNTERS);
  await counterTable(db, 'query_monthly', [['day', 'text'], ['query_id', 'integer']], QUERY_COUNTERS);
  await monthly(db, 'query_daily', ['day', 'query_id'], QUERY_COUNTERS);
  await counterTable(db, 'tutorial_step_monthly', [['day', 'text'], ['article_id', 'integer'], ['step', 'integer']], ['sessions'], [['steps', 'integer']]);
  await monthly(db, 'tutorial_step_daily', ['day', 'article_id', 'step'], ['sessions'], ['steps']);
  await counterTable(db, 'revision_votes_monthly', [['day', 'text'], ['article_id', 'integer'], ['revision_id', 'integer']], ['up', 'down']);
  await monthly(db, 'revision_votes_daily', ['day', 'article_id', 'revision_id'], ['up', 'down']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['revision_votes_monthly', 'tutorial_step_monthly', 'query_monthly', 'article_monthly', 'revision_votes_daily']) await db.schema.dropTable(table).ifExists().execute();
  await db.schema.dropIndex('article_daily_article').ifExists().execute();
  await db.schema.alterTable('article_daily').dropColumn('comments').execute();
}
