/**
 * Help Scout, following "Webhooks" (developer docs): X-HelpScout-Signature is the base64 HMAC-SHA1 of the raw body
 * with the webhook's secret key, X-HelpScout-Event names the event, and a `convo.created` body is the Mailbox API 2.0
 * conversation object ("Get Conversation": id, number, createdAt, tags [{tag}], customFields [{name, value, text}]).
 */
import { HelpScoutWebhookSchema } from '../schemas/help-desk-webhooks.ts';
import type { HelpDesk } from './help-desk.ts';
import { ignored, invalid, refFrom, ticketAt } from './ticket-fields.ts';
import { hmacMatches } from './webhook-signature.ts';

const CREATED = 'convo.created';

export const helpscout: HelpDesk = {
  name: 'helpscout',
  auth: 'signature',
  verify: ({ body, headers, secret }) =>
    hmacMatches(secret, headers.get('x-helpscout-signature'), body, { algorithm: 'sha1', encoding: 'base64' }),
  parse(body, refParam, headers) {
    // The event is named in a header, not in the body.
    const event = headers.get('x-helpscout-event') ?? CREATED;
    // Other conversation events carry the same object, and the test button sends `helpscout.test`.
    if (event !== CREATED) return ignored(`${event.slice(0, 100)} is not a new conversation`);
    const parsed = HelpScoutWebhookSchema.safeParse(body);
    if (!parsed.success) return invalid(parsed.error);
    const { id, createdAt, subject, tags, customFields } = parsed.data;
    const wanted = refParam.toLowerCase();
    // A custom field is matched by its name; a dropdown's `value` is an option id, its `text` the label typed in.
    const fields = customFields.filter((field) => field.name.trim().toLowerCase() === wanted).flatMap((field) => [field.value, field.text]);
    return ticketAt(['createdAt'], createdAt, {
      id,
      ref: refFrom(fields, [subject], refParam),
      tags: tags.map((tag) => tag.tag),
    });
  },
};
