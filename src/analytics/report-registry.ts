/** Runs a report by name: the one place that maps the names in REPORTS to their modules. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportName, ReportParams } from '../schemas/report-params.ts';
import { getArticle, type ArticleReport } from './article.ts';
import { getContent, type ContentHealth } from './content.ts';
import { getDeflection, type Deflection } from './deflection.ts';
import { getFriction, type Friction } from './friction.ts';
import { getOverview, type Overview } from './overview.ts';
import { getRatings, type Ratings } from './ratings.ts';
import { getSearch, type SearchReport } from './search.ts';
import { getTutorials, type TutorialFunnel } from './tutorials.ts';

export interface ReportResults {
  overview: Overview;
  deflection: Deflection;
  ratings: Ratings;
  friction: Friction;
  search: SearchReport;
  content: ContentHealth;
  tutorials: TutorialFunnel[];
  article: ArticleReport;
}

export type ReportResult = { [N in ReportName]: { name: N; data: ReportResults[N] } }[ReportName];

/** null when the report is about one article and no such article exists. */
export async function runReport(db: Kysely<Database>, name: ReportName, params: ReportParams, slug?: string): Promise<ReportResult | null> {
  switch (name) {
    case 'overview':
      return { name, data: await getOverview(db, params) };
    case 'deflection':
      return { name, data: await getDeflection(db, params) };
    case 'ratings':
      return { name, data: await getRatings(db, params) };
    case 'friction':
      return { name, data: await getFriction(db, params) };
    case 'search':
      return { name, data: await getSearch(db, params) };
    case 'content':
      return { name, data: await getContent(db, params) };
    case 'tutorials':
      return { name, data: await getTutorials(db, params) };
    case 'article': {
      const data = slug === undefined ? null : await getArticle(db, params, slug);
      return data && { name, data };
    }
  }
}
