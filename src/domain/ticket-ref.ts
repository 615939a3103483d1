/**
 * The reference a reader carries to the help desk: random, short, per help-center session, and not the session id,
 * so a ticket can be joined to what its writer read without a cookie and without naming anyone.
 */

/** Lower-case letters and digits without the look-alikes i, l, o, u: readable when a reader copies it by hand. */
export const TICKET_REF_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
export const TICKET_REF_LENGTH = 12;

/** What a stored reference looks like; readTicketRef forgives case, spaces and dashes around it. */
export const TICKET_REF_PATTERN = /^[0-9a-z]{12}$/;

/** The default name of the query parameter (and form field) that carries it. */
export const DEFAULT_TICKET_REF_PARAM = 'lantern_ref';

/** A new reference: 60 random bits (5 from each byte, 32 letters). */
export function newTicketRef(): string {
  return [...crypto.getRandomValues(new Uint8Array(TICKET_REF_LENGTH))].map((b) => TICKET_REF_ALPHABET[b & 31]).join('');
}

/** The reference in a value a person or a form may have changed (upper case, spaces, dashes); null when none. */
export function readTicketRef(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const ref = value.trim().toLowerCase().replace(/[\s-]/g, '');
  return TICKET_REF_PATTERN.test(ref) ? ref : null;
}

/** Finds a reference written into free text, e.g. a mailto subject "Help (ref 4k2m9x0p7q1z)" or a pasted link. */
export function findTicketRef(text: string, param = DEFAULT_TICKET_REF_PARAM): string | null {
  const escaped = param.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(?:${escaped}=|\\bref[:\\s]+)([0-9A-Za-z]{12})\\b`, 'i').exec(text);
  return match ? match[1]!.toLowerCase() : null;
}
