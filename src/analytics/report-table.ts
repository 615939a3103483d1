/**
 * A report as flat tables for CSV, the terminal and the dashboard: typed columns over plain rows, and the cells several
 * reports share.
 */
import type { Helpfulness } from './ratings.ts';

/**
 * `unit`: the row's `unit` cell says count, rate or ratio; `change`: relative for counts and ratios, points for rates.
 */
/** How a number reads: `p` is a test's p-value ("< 0.001", "0.048"). */
export type ColumnKind = 'text' | 'count' | 'rate' | 'ratio' | 'unit' | 'change' | 'p';
export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;
export interface Column {
  key: string;
  kind: ColumnKind;
}
/** A column of rows shaped like R: its key is one of R's. */
export type ColumnOf<R> = Column & { key: keyof R & string };
export interface Table {
  name: string;
  columns: readonly Column[];
  rows: readonly Row[];
}

export const column = <K extends string>(key: K, kind: ColumnKind = 'text') => ({ key, kind });

/** A named table whose every column the compiler finds in the rows' type (R comes from the rows alone). */
export function defineTable<R extends Row>(name: string, columns: readonly ColumnOf<NoInfer<R>>[], rows: readonly R[]): Table {
  return { name, columns, rows };
}

/** A rating (ratings, content, article): votes, helpfulness and its Wilson interval. */
export const RATING_COLUMNS = [
  column('up', 'count'),
  column('down', 'count'),
  column('n', 'count'),
  column('helpfulness', 'rate'),
  column('lower', 'rate'),
  column('upper', 'rate'),
  column('enough_votes'),
] as const;
export const ratingCells = (h: Helpfulness) => ({
  up: h.up,
  down: h.down,
  n: h.n,
  helpfulness: h.helpfulness,
  lower: h.interval?.lower ?? null,
  upper: h.interval?.upper ?? null,
  enough_votes: h.enoughVotes,
});

/** Which article a row is about, as the catalog names it. */
export const ARTICLE_COLUMNS = [column('slug'), column('title'), column('category'), column('product_area')] as const;
export const articleCells = (a: { slug: string; title: string | null; category: string | null; productArea: string | null }) => ({
  slug: a.slug,
  title: a.title,
  category: a.category,
  product_area: a.productArea,
});

/**
 * The self-service score with sessions but no escalation is "∞" (src/analytics/metric-definitions.ts), not an empty
 * cell.
 */
export const selfServiceCell = (score: number | null, kbSessions: number | null): number | '∞' | null => score ?? (kbSessions ? '∞' : null);
