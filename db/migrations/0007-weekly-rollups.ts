/**
 * Weekly copies of the daily rollups, keyed by the week's Monday (UTC), backfilled from the daily ones: a range's days
 * outside its whole months are read a week at a time where whole weeks fit (28 days: 3–4 rows per key instead of 28).
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

const isSqlite = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof SqliteAdapter;

/** The Monday on or before a YYYY-MM-DD text column, as YYYY-MM-DD. */
const mondayOf = (db: Kysely<unknown>, column: string) =>
  isSqlite(db) ? `date(${column}, '-6 days', 'weekday 1')` : `to_char(date_trunc('week', ${column}::date), 'YYYY-MM-DD')`;

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
    let table = db.schema.createTable(`${name}_weekly`);
    for (const [column, type] of keys) table = table.addColumn(column, type, (c) => c.notNull());
    for (const column of max) table = table.addColumn(column, 'integer', (c) => c.notNull());
    for (const counter of counters) table = table.addColumn(counter, 'integer', (c) => c.notNull().defaultTo(0));
    await table
      .addPrimaryKeyConstraint(`${name}_weekly_pk`, keys.map(([k]) => k) as never)
      .modifyEnd(isSqlite(db) ? sql`without rowid` : sql``)
      .execute();
    const other = keys.map(([k]) => k).filter((k) => k !== 'day');
    await sql
      .raw(
        `insert into ${name}_weekly (day, ${[...other, ...max, ...counters].join(', ')})
         select ${mondayOf(db, 'day')}, ${[...other, ...max.map((m) => `max(${m})`), ...counters.map((c) => `sum(${c})`)].join(', ')}
         from ${name}_daily group by ${mondayOf(db, 'day')}, ${other.join(', ')}`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const { name } of TABLES) await db.schema.dropTable(`${name}_weekly`).ifExists().execute();
}
