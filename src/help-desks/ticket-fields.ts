/** What every adapter reads the same way: the reference, tags, times, and the answer a webhook comes down to. */
import type { z } from 'zod';
import { findTicketRef, readTicketRef } from '../domain/ticket-ref.ts';
import { formatPath } from '../schemas/issues.ts';
import type { IncomingTicket, ParsedWebhook } from './help-desk.ts';

export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 100;

/**
 * The reference from the first field holding one, else from the first text (a subject, a page URL) mentioning one.
 * A field holding something else is not an error: readers and agents type into these fields.
 */
export function refFrom(fields: unknown[], texts: (string | null | undefined)[], param: string): string | null {
  for (const field of fields) {
    const ref = readTicketRef(field);
    if (ref) return ref;
  }
  for (const text of texts) {
    const ref = text ? findTicketRef(text, param) : null;
    if (ref) return ref;
  }
  return null;
}

/** The value of the key named `name` in a provider's loose object of custom fields, if there is one. */
export function fieldOf(fields: unknown, name: string): unknown {
  return fields && typeof fields === 'object' && Object.hasOwn(fields, name) ? (fields as Record<string, unknown>)[name] : undefined;
}

/** Lower-cased, trimmed, without empties or repeats; at most 50, and a tag past 100 characters is left out. */
export function normalizeTags(tags: Iterable<string>): string[] {
  const kept = new Set<string>();
  for (const tag of tags) {
    const clean = tag.trim().toLowerCase();
    if (clean && clean.length <= MAX_TAG_LENGTH) kept.add(clean);
    if (kept.size === MAX_TAGS) break;
  }
  return [...kept];
}

/** Tags a placeholder rendered as one string ("billing export" in Zendesk, "billing,export" in Freshdesk). */
export function splitTags(text: string | string[] | undefined, separator: RegExp): string[] {
  if (text === undefined) return [];
  return typeof text === 'string' ? text.split(separator) : text;
}

/**
 * Epoch milliseconds of a time that carries its UTC offset, in ISO 8601 or the "2026-03-04 10:15:00 +0000" form
 * some placeholders render; null when it names no instant (a 30 February, a missing offset).
 */
export function epochMs(time: string): number | null {
  const iso = time
    .trim()
    .replace(/^(\d{4}-\d{2}-\d{2}) (?=\d)/, '$1T')
    .replace(/ (?=[+-]\d{2}:?\d{2}$|Z$)/, '')
    .replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const match = /^(\d{4})-(\d{2})-(\d{2})T/.exec(iso);
  const ms = Date.parse(iso);
  if (!match || !/(?:Z|[+-]\d{2}:\d{2})$/.test(iso) || !Number.isFinite(ms)) return null;
  // Date.parse rolls 30 February over into March; a provider that sends it has sent something else than a time.
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  return calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day ? ms : null;
}

/** The ticket as Lantern keeps it: exactly these four fields, whatever else the provider sent. */
export function ticketOf(ticket: { id: string; ref: string | null; createdAt: number; tags: Iterable<string> }): ParsedWebhook {
  const kept: IncomingTicket = { id: ticket.id, ref: ticket.ref, createdAt: ticket.createdAt, tags: normalizeTags(ticket.tags) };
  return { kind: 'ticket', ticket: kept };
}

/** A ticket whose time names no instant is refused like any other bad field. */
export function ticketAt(
  path: PropertyKey[],
  time: string,
  ticket: { id: string; ref: string | null; tags: Iterable<string> },
): ParsedWebhook {
  const createdAt = epochMs(time);
  if (createdAt === null) return { kind: 'invalid', issues: [{ path: formatPath(path), message: 'is not a time on the calendar' }] };
  return ticketOf({ ...ticket, createdAt });
}

export function ignored(why: string): ParsedWebhook {
  return { kind: 'ignored', why };
}

/** A rejected body explained field by field, paths written from the body's root (`data.item.created_at`). */
export function invalid(error: z.ZodError, under: PropertyKey[] = []): ParsedWebhook {
  return {
    kind: 'invalid',
    issues: error.issues.map((issue) => ({ path: formatPath([...under, ...issue.path]), message: issue.message })),
  };
}
