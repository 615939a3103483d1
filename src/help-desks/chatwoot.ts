/**
 * Chatwoot, following its webhook signing (chatwoot/chatwoot pull request 13573, "per-webhook secret"):
 * X-Chatwoot-Signature is `sha256=` + the hex HMAC-SHA256 of `<X-Chatwoot-Timestamp>.<raw body>` with the webhook's
 * secret, the timestamp in Unix seconds. The `conversation_created` body is the conversation's webhook data beside
 * `event` (id: the conversation's display id, created_at in epoch seconds, labels, custom_attributes, meta.sender);
 * every other event is acknowledged and ignored.
 */
import { ChatwootConversationSchema, ChatwootWebhookSchema } from '../schemas/help-desk-webhooks.ts';
import type { HelpDesk } from './help-desk.ts';
import { fieldOf, ignored, invalid, refFrom, ticketOf } from './ticket-fields.ts';
import { hmacMatches, isFresh } from './webhook-signature.ts';

export const chatwoot: HelpDesk = {
  name: 'chatwoot',
  auth: 'signature',
  verify({ body, headers, secret, now }) {
    const timestamp = headers.get('x-chatwoot-timestamp');
    if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !isFresh(Number(timestamp) * 1000, now)) return false;
    const signature = headers.get('x-chatwoot-signature');
    return hmacMatches(secret, signature, `${timestamp}.${body}`, { algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=' });
  },
  parse(body, refParam) {
    const envelope = ChatwootWebhookSchema.safeParse(body);
    if (!envelope.success) return invalid(envelope.error);
    if (envelope.data.event !== 'conversation_created') return ignored(`${envelope.data.event} is not a new conversation`);
    const parsed = ChatwootConversationSchema.safeParse(body);
    if (!parsed.success) return invalid(parsed.error);
    const { id, created_at, labels, custom_attributes, meta, additional_attributes } = parsed.data;
    return ticketOf({
      id,
      // The conversation's attribute (setConversationCustomAttributes) is this conversation's own; the contact's
      // (setCustomAttributes) is the reference of the visit the contact last made, set before the conversation began.
      ref: refFrom(
        [fieldOf(custom_attributes, refParam), fieldOf(meta?.sender?.custom_attributes, refParam)],
        [additional_attributes?.mail_subject],
        refParam,
      ),
      createdAt: created_at * 1000,
      tags: labels,
    });
  },
};
