/** Multi-row statements cut into a few fixed sizes, so each table needs only a handful of distinct SQL texts (and prepared statements). */
const SIZES = [256, 64, 16, 4, 1];

/** Splits rows into chunks of 256, 64, 16, 4 and 1, in order: each chunk stays far below the bound-parameter limits of SQLite and PostgreSQL. */
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
