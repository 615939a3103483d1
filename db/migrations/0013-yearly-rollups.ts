/**
 * Yearly copies of the rollups, keyed by the year's first day, backfilled from the quarterly ones: a query searched in
 * a year has some 20 daily rows and 4 quarterly ones, and a year's search report summed and sorted all 4 per query
 * (80,000 rows at 10 million events) where one key holds 1 per query, already in query order. The query rows with an
 * escalation are indexed apart as at the other levels (migration 0011).
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

const isSqlite = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof SqliteAdapter;

/** The first day of the year of a YYYY-MM-DD text column, as YYYY-MM-DD. */
const yearOf = (column: string) => `substr(${column}, 1, 4) || '-01-01'`;

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
    let table = db.schema.createTable(`${name}_yearly`);
    for (const [column, type] of keys) table = table.addColumn(column, type, (c) => c.notNull());
    for (const column of max) table = table.addColumn(column, 'integer', (c) => c.notNull());
    for (const counter of counters) table = table.addColumn(counter, 'integer', (c) => c.notNull().defaultTo(0));
    await table
      .addPrimaryKeyConstraint(`${name}_yearly_pk`, keys.map(([k]) => k) as never)
      .modifyEnd(isSqlite(db) ? sql`without rowid` : sql``)
      .execute();
    const other = keys.map(([k]) => k).filter((k) => k !== 'day');
    await sql
      .raw(
        `insert into ${name}_yearly (day, ${[...other, ...max, ...counters].join(', ')})
         select ${yearOf('day')}, ${[...other, ...max.map((m) => `max(${m})`), ...counters.map((c) => `sum(${c})`)].join(', ')}
         from ${name}_quarterly group by ${yearOf('day')}, ${other.join(', ')}`,
      )
      .execute(db);
  }
  await sql`create index query_yearly_escalated on query_yearly (day, query_id, escalated) where escalated <> 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const { name } of TABLES) await db.schema.dropTable(`${name}_yearly`).ifExists().execute();
}
