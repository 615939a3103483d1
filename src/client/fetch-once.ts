/**
 * A JSON file the search needs, fetched once per page: a failure (offline, a missing file, too slow) gives the fallback
 * and is not remembered, so a later search tries again.
 */
export function fetchOnce<T>(
  cache: Map<string, Promise<T>>,
  url: string,
  read: (body: unknown) => T,
  fallback: T,
  timeoutMs?: number,
): Promise<T> {
  const cached = cache.get(url);
  if (cached) return cached;
  const loading = fetch(url, timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(timeoutMs) })
    .then((response) => {
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
      return response.json() as Promise<unknown>;
    })
    .then(read)
    .catch(() => {
      cache.delete(url);
      return fallback;
    });
  cache.set(url, loading);
  return loading;
}
