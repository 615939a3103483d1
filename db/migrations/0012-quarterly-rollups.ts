/**
 * Quarterly copies of the rollups, keyed by the quarter's first day, backfilled from the monthly ones: a year is read
 * as 4 keys per article or query instead of 12, a third of the rows to sort and sum (the reports' floor over long
 * ranges). The query rows with an escalation are indexed apart as at the other levels (migration 0011).
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

const isSqlite = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof SqliteAdapter;

/** The first day of the quarter of a YYYY-MM-DD text column, as YYYY-MM-DD. */
const quarterOf = (db: Kysely<unknown>, column: string) =>
  isSqlite(db)
    ? `printf('%s-%02d-01', substr(${column}, 1, 4), (cast(substr(${column}, 6, 2) as integer) - 1) / 3 * 3 + 1)`
    : `to_char(date_trunc('quarter', ${column}::date), 'YYYY-MM-DD')`;

const TABLES: { name: string; keys: [string, 'integer' | 'text'][]; counters: string[]; max?: string[] }[] = [
  {
    name: 'article',
    keys: [['day', 'text'], ['article_id', 'integer']],
    counters: ['views', 'view_sessions', 'escalations', 'contacts', 'search_clicks', 'up', 'down', 'outdated', 'unclear', 'didnt_solve', 'product_issue', 'other', 'comments'],
  },
  { name: 'query', keys: [['day', 'text'], ['query_id', 'integer']], counters: ['searches', 'zero_results', 'clicked', 'escalated'] },
  { name: 'tutorial_step', keys: [['day', 'text'], ['article_id', 'integer'], ['step', 'integer']], counters: ['sessions'], max: ['steps'] },
  { name: 'revision_votes', keys: [['day', 'text'], ['article_id', 'integer'], ['revision_id', 'integer']], counters: ['up', 'down'] },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const { name, keys, counters, max = [] } of TABLES) {
    let table = db.schema.createTable(`${name}_quarterly`);
    for (const [column, type] of keys) table = table.addColumn(column, type, (c) => c.notNull());
    for (const column of max) table = table.addColumn(column, 'integer', (c) => c.notNull());
    for (const counter of counters) table = table.addColumn(counter, 'integer', (c) => c.notNull().defaultTo(0));
    await table
      .addPrimaryKeyConstraint(`${name}_quarterly_pk`, keys.map(([k]) => k) as never)
      .modifyEnd(isSqlite(db) ? sql`without rowid` : sql``)
      .execute();
    const other = keys.map(([k]) => k).filter((k) => k !== 'day');
    await sql
      .raw(
        `insert into ${name}_quarterly (day, ${[...other, ...max, ...counters].join(', ')})
         select ${quarterOf(db, 'day')}, ${[...other, ...max.map((m) => `max(${m})`), ...counters.map((c) => `sum(${c})`)].join(', ')}
         from ${name}_monthly group by ${quarterOf(db, 'day')}, ${other.join(', ')}`,
      )
      .execute(db);
  }
  await sql`create index query_quarterly_escalated on query_quarterly (day, query_id, escalated) where escalated <> 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const { name } of TABLES) await db.schema.dropTable(`${name}_quarterly`).ifExists().execute();
}
