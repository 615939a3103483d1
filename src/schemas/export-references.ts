/**
 * What the export schemas share: messages, and the checks that hold a help-center export together: ids unique in their list, references pointing at something the
 * export holds, folders that do not contain themselves. Each problem names the field (`sections[2].category_id`).
 */
import type { z } from 'zod';

type Ctx = z.core.$RefinementCtx;
type Id = string | number;

/** A field's own message for a bad value; a missing one keeps zod's "expected string, received undefined". */
export const unlessMissing =
  (message: string) =>
  (issue: { input?: unknown }): string | undefined =>
    issue.input === undefined ? undefined : message;

/** An issue at `<list>[i].id` for every id seen before in the list. */
export function uniqueIds(list: string, items: { id: Id }[], ctx: Ctx): void {
  const first = new Map<Id, number>();
  items.forEach((item, i) => {
    const seen = first.get(item.id);
    if (seen === undefined) first.set(item.id, i);
    else ctx.addIssue({ code: 'custom', path: [list, i, 'id'], message: `${item.id} is also the id of ${list}[${seen}]` });
  });
}

/** An issue at `<list>[i].<field>` for every reference to an id the export does not hold. */
export function knownIds<K extends string>(
  list: string,
  field: K,
  items: Partial<Record<K, Id | null>>[],
  ids: ReadonlySet<Id>,
  what: string,
  ctx: Ctx,
): void {
  items.forEach((item, i) => {
    const value = item[field];
    if (value !== undefined && value !== null && !ids.has(value)) {
      ctx.addIssue({ code: 'custom', path: [list, i, field], message: `no ${what} in the export has the id ${value}` });
    }
  });
}

/** An issue at `<list>[i].<field>` for every item whose chain of parents comes back to it (it would nest forever). */
export function noParentLoops<K extends string>(
  list: string,
  field: K,
  items: ({ id: Id } & Partial<Record<K, Id | null>>)[],
  ctx: Ctx,
): void {
  const parentOf = new Map(items.map((item) => [item.id, item[field] ?? null]));
  items.forEach((item, i) => {
    const seen = new Set<Id>([item.id]);
    for (let parent = parentOf.get(item.id) ?? null; parent !== null; parent = parentOf.get(parent) ?? null) {
      if (seen.has(parent)) {
        ctx.addIssue({ code: 'custom', path: [list, i, field], message: `its parents lead back to ${parent}, a loop` });
        return;
      }
      seen.add(parent);
    }
  });
}
