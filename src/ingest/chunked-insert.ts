/**
 * Multi-row statements cut into a few fixed sizes, so each table needs only a handful of distinct SQL texts (and
 * prepared statements).
 */
import { CompiledQuery, type Compilable, type QueryResult } from 'kysely';

const SIZES = [256, 64, 16, 4, 1];

/**
 * Splits rows into chunks of 256, 64, 16, 4 and 1, in order: each chunk stays far below the bound-parameter limits of
 * SQLite and PostgreSQL.
 */
export function* chunked<T>(rows: readonly T[]): Generator<T[]> {
  let at = 0;
  for (const size of SIZES) {
    while (rows.length - at >= size) {
      yield rows.slice(at, at + size);
      at += size;
    }
  }
}

/** Runs `statement` once per chunk and concatenates what it returns. */
export async function eachChunk<T, R>(rows: readonly T[], statement: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (const chunk of chunked(rows)) for (const r of await statement(chunk)) out.push(r);
  return out;
}

/**
 * SQL texts compiled once per statement, dialect and chunk shape: building and compiling a many-row statement costs
 * more than running it.
 */
const compiledShapes = new Map<string, string>();

/**
 * Like eachChunk, for statements whose parameters are exactly `paramsOf(chunk)` in order: the first chunk of each
 * shape is built and compiled by kysely, and its SQL text is reused for later chunks of the same shape with their own
 * parameters. A statement whose compiled parameters do not match `paramsOf` is never reused, only run.
 */
export async function eachCompiled<T, R>(
  executor: { executeQuery<O>(query: CompiledQuery<O>): Promise<QueryResult<O>>; getExecutor(): { adapter: object } },
  name: string,
  rows: readonly T[],
  build: (chunk: T[]) => Compilable<R>,
  paramsOf: (chunk: T[]) => unknown[] | null,
): Promise<R[]> {
  const out: R[] = [];
  const dialect = executor.getExecutor().adapter.constructor.name;
  for (const chunk of chunked(rows)) {
    const params = paramsOf(chunk);
    const shape = `${dialect}|${name}|${chunk.length}|${shapeOf(chunk[0])}`;
    const known = params && compiledShapes.get(shape);
    let query: CompiledQuery<R>;
    if (known) query = CompiledQuery.raw(known, params) as CompiledQuery<R>;
    else {
      query = build(chunk).compile();
      if (params && query.parameters.length === params.length && query.parameters.every((p, i) => p === params[i]))
        compiledShapes.set(shape, query.sql);
    }
    for (const r of (await executor.executeQuery(query)).rows) out.push(r);
  }
  return out;
}

/** The column names of a row object (in order), or the type of a scalar. */
const shapeOf = (row: unknown) => (row !== null && typeof row === 'object' ? Object.keys(row).join(',') : typeof row);

/**
 * The parameters of a multi-row insert of plain rows, each row's values column by column; null unless every row has the
 * same columns, all defined.
 */
export const rowValues = <T extends object>(chunk: T[]): unknown[] | null => {
  const columns = Object.keys(chunk[0]!) as (keyof T)[];
  const params: unknown[] = [];
  for (const row of chunk) {
    if (Object.keys(row).length !== columns.length) return null;
    for (const c of columns) {
      if (row[c] === undefined) return null;
      params.push(row[c]);
    }
  }
  return params;
};
