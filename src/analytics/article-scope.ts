/** The category / product-area filter as one SQL condition on the articles table joined as `a`. */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { ReportParams } from '../schemas/report-params.ts';

export function isScoped(params: ReportParams): boolean {
  return params.category !== undefined || params.product_area !== undefined;
}

/** True for every article when no filter is set; otherwise the article's category and product area must match. */
export function articleScope(params: ReportParams): Expression<SqlBool> {
  const conditions = [];
  if (params.category !== undefined) conditions.push(sql`a.category = ${params.category}`);
  if (params.product_area !== undefined) conditions.push(sql`a.product_area = ${params.product_area}`);
  return conditions.length ? sql<SqlBool>`(${sql.join(conditions, sql` and `)})` : sql<SqlBool>`1 = 1`;
}
