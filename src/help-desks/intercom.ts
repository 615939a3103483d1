/**
 * Intercom, following "Webhook models" and "Signed notifications": X-Hub-Signature is `sha1=` + the hex HMAC-SHA1 of
 * the raw body with the app's client secret; the body is a `notification_event` whose `data.item` is, for
 * `conversation.user.created` (a conversation a user or lead starts), the conversation (id, created_at in epoch
 * seconds, tags {tags: [{name}]}, custom_attributes, source {subject, url}). Every other topic, `ping` included, is
 * acknowledged and ignored: admin-initiated conversations are not readers asking for help.
 */
import { IntercomConversationSchema, IntercomWebhookSchema } from '../schemas/help-desk-webhooks.ts';
import type { HelpDesk } from './help-desk.ts';
import { fieldOf, ignored, invalid, refFrom, ticketOf } from './ticket-fields.ts';
import { hmacMatches } from './webhook-signature.ts';

const CREATED = 'conversation.user.created';

export const intercom: HelpDesk = {
  name: 'intercom',
  auth: 'signature',
  verify: ({ body, headers, secret }) =>
    hmacMatches(secret, headers.get('x-hub-signature'), body, { algorithm: 'sha1', encoding: 'hex', prefix: 'sha1=' }),
  parse(body, refParam) {
    const envelope = IntercomWebhookSchema.safeParse(body);
    if (!envelope.success) return invalid(envelope.error);
    if (envelope.data.topic !== CREATED) return ignored(`${envelope.data.topic} is not a conversation a user started`);
    const parsed = IntercomConversationSchema.safeParse(envelope.data.data.item);
    if (!parsed.success) return invalid(parsed.error, ['data', 'item']);
    const { id, created_at, tags, custom_attributes, source } = parsed.data;
    return ticketOf({
      id,
      // A conversation data attribute first; else the Messenger page's URL (…?lantern_ref=…) or an email's subject.
      ref: refFrom([fieldOf(custom_attributes, refParam)], [source?.url, source?.subject], refParam),
      createdAt: created_at * 1000,
      tags: (tags?.tags ?? []).map((tag) => tag.name),
    });
  },
};
