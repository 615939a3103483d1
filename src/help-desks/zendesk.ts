/**
 * Zendesk, following "Verifying webhook authenticity" (X-Zendesk-Webhook-Signature: base64 HMAC-SHA256 of the
 * X-Zendesk-Webhook-Signature-Timestamp value followed by the raw body) and "Creating webhooks to interact with
 * third-party systems": a webhook connected to a ticket trigger ("Ticket is Created"), its JSON body written by the
 * admin from the README, e.g.
 * `{"ticket": {"id": "{{ticket.id}}", "created_at": "{{ticket.created_at_with_timestamp}}",
 * "tags": "{{ticket.tags}}", "lantern_ref": "{{ticket.ticket_field_<field id>}}"}}`.
 * Why a trigger and not the `zen:event-type:ticket.created` event subscription: the "Ticket events" reference lists
 * the event's detail object (id, created_at, tags, subject, description, requester_id…) and no custom field values,
 * so the reference's field never reaches an event webhook; such deliveries are acknowledged and ignored.
 */
import { ZendeskWebhookSchema } from '../schemas/help-desk-webhooks.ts';
import type { HelpDesk } from './help-desk.ts';
import { fieldOf, ignored, invalid, refFrom, splitTags, ticketAt } from './ticket-fields.ts';
import { hmacMatches, isFresh } from './webhook-signature.ts';

export const zendesk: HelpDesk = {
  name: 'zendesk',
  auth: 'signature',
  verify({ body, headers, secret, now }) {
    const timestamp = headers.get('x-zendesk-webhook-signature-timestamp');
    // The timestamp is ISO 8601 (2026-03-04T10:15:00Z); it is signed with the body, so checking it defeats replays.
    if (!timestamp || !isFresh(Date.parse(timestamp), now)) return false;
    const signature = headers.get('x-zendesk-webhook-signature');
    return hmacMatches(secret, signature, timestamp + body, { algorithm: 'sha256', encoding: 'base64' });
  },
  parse(body, refParam) {
    const type = fieldOf(body, 'type');
    if (typeof type === 'string' && type.startsWith('zen:event-type:')) {
      return ignored(`${type.slice(0, 100)}: event webhooks carry no custom fields; connect the webhook to a trigger`);
    }
    const parsed = ZendeskWebhookSchema.safeParse(body);
    if (!parsed.success) return invalid(parsed.error);
    const { ticket } = parsed.data;
    return ticketAt(['ticket', 'created_at'], ticket.created_at, {
      id: ticket.id,
      // Zendesk renders an empty field's placeholder as "", which reads as no reference.
      ref: refFrom([fieldOf(ticket, refParam)], [ticket.subject], refParam),
      // Zendesk tags never contain spaces (it turns them into underscores), so whitespace separates them.
      tags: splitTags(ticket.tags, /\s+/),
    });
  },
};
