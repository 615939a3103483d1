/**
 * Every report by name: how to run it and how to flatten its answer into tables, one entry per name in REPORTS.
 *
 * Adding a report: write its module in src/analytics/ (`getXxx(db, params)` and `xxxTables(result)`), add its
 * name to REPORTS in src/schemas/report-params.ts, its entry below (the map's type makes a name without one fail
 * to compile), and its page under src/pages/reports/.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportName, ReportParams } from '../schemas/report-params.ts';
import { articleTables, getArticle } from './article.ts';
import { contentTables, getContent } from './content.ts';
import { deflectionTables, getDeflection } from './deflection.ts';
import { frictionTables, getFriction } from './friction.ts';
import { getOverview, overviewTables } from './overview.ts';
import { getRatings, ratingsTables } from './ratings.ts';
import type { Table } from './report-table.ts';
import { searchTables } from './search-tables.ts';
import { getSearch } from './search.ts';
import { QueryMemory } from './query-memory.ts';
import { getTutorials, tutorialsTables } from './tutorials.ts';
import { getInbox, inboxTables } from './inbox.ts';

/**
 * A store as the reports read it, with what they remember of it between requests: one per store, kept by whoever
 * opened the store (the server's runtime, a CLI run).
 */
export interface ReportSource {
  db: Kysely<Database>;
  queries: QueryMemory;
  /** Told how long each report answered by `answerReport` took (the server's metrics). */
  timed?: (report: string, seconds: number) => void;
}

export const reportSource = (db: Kysely<Database>, timed?: ReportSource['timed']): ReportSource => ({
  db,
  queries: new QueryMemory(),
  timed,
});

export interface ReportModule<D> {
  /** `slug` is given to the report about one article only; null when no such article exists (a 404). */
  run: (db: Kysely<Database>, params: ReportParams, slug: string | undefined, queries: QueryMemory) => Promise<D | null>;
  tables: (data: D) => Table[];
}

/** Ties a report's run and tables functions to the same result type. */
const report = <D>(module: ReportModule<D>) => module;

const MODULES = {
  overview: report({ run: getOverview, tables: overviewTables }),
  deflection: report({ run: getDeflection, tables: deflectionTables }),
  // Ratings' minimum votes and the search report's list length keep their defaults here.
  ratings: report({ run: (db, params) => getRatings(db, params), tables: ratingsTables }),
  friction: report({ run: getFriction, tables: frictionTables }),
  search: report({ run: (db, params, _slug, queries) => getSearch(db, params, queries), tables: searchTables }),
  content: report({ run: getContent, tables: contentTables }),
  tutorials: report({ run: getTutorials, tables: tutorialsTables }),
  inbox: report({ run: getInbox, tables: inboxTables }),
  article: report({ run: async (db, params, slug) => (slug === undefined ? null : getArticle(db, params, slug)), tables: articleTables }),
} satisfies { [N in ReportName]: unknown };

export type ReportResults = { [N in ReportName]: (typeof MODULES)[N] extends ReportModule<infer D> ? D : never };
export const REPORT_MODULES: { [N in ReportName]: ReportModule<ReportResults[N]> } = MODULES;

export type ReportResult<N extends ReportName = ReportName> = { [M in N]: { name: M; data: ReportResults[M] } }[N];

/** null when the report is about one article and no such article exists. */
export async function runReport<N extends ReportName>(
  source: ReportSource,
  name: N,
  params: ReportParams,
  slug?: string,
): Promise<ReportResult<N> | null> {
  const module: ReportModule<ReportResults[N]> = REPORT_MODULES[name];
  const data = await module.run(source.db, params, slug, source.queries);
  return data === null ? null : ({ name, data } as ReportResult<N>);
}

export function reportTables<N extends ReportName>(result: { name: N; data: ReportResults[N] }): Table[] {
  const module: ReportModule<ReportResults[N]> = REPORT_MODULES[result.name];
  return module.tables(result.data);
}
