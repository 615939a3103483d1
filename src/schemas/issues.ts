/**
 * How a rejected input is explained: one issue per bad field, its path written as people read it (`events[1].query`).
 */

export interface Issue {
  path: string;
  message: string;
}

/** `['events', 1, 'query']` → `events[1].query`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)),
    '',
  );
}
