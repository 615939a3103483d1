/**
 * Freshdesk, following "Using webhooks in automation rules": a rule that runs on ticket creation with the action
 * "Trigger webhook" (POST, JSON encoding). Those requests carry no signature, so the secret is the webhook URL's last
 * segment (auth: 'path'). The body uses the keys of Freshdesk's simple JSON content (`ticket_` + the placeholder):
 * `{"freshdesk_webhook": {"ticket_id": "{{ticket.id}}", "ticket_created_on": "{{ticket.created_on}}",
 * "ticket_tags": "{{ticket.tags}}", "ticket_cf_lantern_ref": "{{ticket.cf_lantern_ref}}"}}`; a custom field's
 * placeholder is `cf_` + its name.
 */
import { FreshdeskWebhookSchema } from '../schemas/help-desk-webhooks.ts';
import type { HelpDesk } from './help-desk.ts';
import { fieldOf, invalid, refFrom, splitTags, ticketAt } from './ticket-fields.ts';
import { PATH_SECRET_HEADER, sameSecret } from './webhook-signature.ts';

export const freshdesk: HelpDesk = {
  name: 'freshdesk',
  auth: 'path',
  verify: ({ headers, secret }) => sameSecret(headers.get(PATH_SECRET_HEADER), secret),
  parse(body, refParam) {
    const parsed = FreshdeskWebhookSchema.safeParse(body);
    if (!parsed.success) return invalid(parsed.error);
    const ticket = parsed.data.freshdesk_webhook;
    const field = `ticket_cf_${refParam.replace(/^cf_/, '')}`;
    return ticketAt(['freshdesk_webhook', 'ticket_created_on'], ticket.ticket_created_on, {
      id: ticket.ticket_id,
      ref: refFrom([fieldOf(ticket, field)], [ticket.ticket_subject], refParam),
      // Freshdesk tags may contain spaces; the placeholder joins them with commas.
      tags: splitTags(ticket.ticket_tags, /,/),
    });
  },
};
