/** The UTC calendar day of an epoch-ms time, as YYYY-MM-DD: the bucket of every daily rollup. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
