/**
 * Lantern's own webhook, for help desks without an adapter or a script in between: the body
 * `{"id", "ref", "created_at", "tags"}` signed with `X-Lantern-Signature: sha256=<hex HMAC-SHA256 of the raw body>`.
 */
import { readTicketRef } from '../domain/ticket-ref.ts';
import { GenericWebhookSchema } from '../schemas/help-desk-webhooks.ts';
import type { HelpDesk } from './help-desk.ts';
import { invalid, ticketAt } from './ticket-fields.ts';
import { hmacMatches } from './webhook-signature.ts';

export const generic: HelpDesk = {
  name: 'generic',
  auth: 'signature',
  verify: ({ body, headers, secret }) =>
    hmacMatches(secret, headers.get('x-lantern-signature'), body, { algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=' }),
  parse(body) {
    const parsed = GenericWebhookSchema.safeParse(body);
    if (!parsed.success) return invalid(parsed.error);
    const { id, ref, created_at, tags } = parsed.data;
    const kept = ref == null ? null : readTicketRef(ref);
    // Unlike a form field a reader typed into, this body was written for Lantern: a wrong reference is a bug to show.
    if (ref != null && kept === null) {
      return { kind: 'invalid', issues: [{ path: 'ref', message: 'must be a Lantern reference: 12 letters and digits' }] };
    }
    return ticketAt(['created_at'], created_at, { id, ref: kept, tags });
  },
};
