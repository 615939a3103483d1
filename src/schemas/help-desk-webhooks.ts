/** The ticket webhooks help desks send, one schema per provider, reading only what a ticket needs: id, time, tags. */
import { z } from 'zod';

// Providers send far more than Lantern reads (requester, messages, assignees…): objects are loose so a new field
// never breaks a delivery, and every field Lantern does read is bounded. The reference's custom field is named by
// KB_TICKET_REF_PARAM at run time, so adapters read it from the loose object rather than from a fixed key here.
const text = (max: number) => z.string().max(max);
const tagList = z.array(text(1_000)).max(1_000);
// A workspace's custom attributes are its own: their names and values are not Lantern's to refuse, only one is read.
const attributes = z.record(z.string(), z.unknown());
// Subjects and URLs are only searched for the reference; a long one must not cost the ticket.
const searched = text(10_000);

/** A ticket id as the provider sends it, kept as text: numbers and numeric strings alike. */
export const ticketId = z
  .union([z.string().trim().min(1, 'must not be empty').max(200), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)])
  .transform(String);

const isoTime = z.iso.datetime({ offset: true, error: 'must be a time like 2026-03-04T10:15:00Z' });
const epochSeconds = z.number().int().nonnegative().max(8.64e12);

/** Our own format, for help desks without an adapter: `{ id, ref, created_at, tags }`. */
export const GenericWebhookSchema = z.object({
  id: ticketId,
  // A string that is not a reference is refused rather than dropped: the sender wrote this body for us.
  ref: text(100).nullish(),
  created_at: isoTime,
  tags: tagList.default([]),
});
export type GenericWebhook = z.infer<typeof GenericWebhookSchema>;

/**
 * Zendesk: the JSON body of a webhook connected to a trigger, written by the admin with placeholders. Zendesk renders
 * `{{ticket.tags}}` as one space-separated string and documents `{{ticket.created_at_with_timestamp}}` with minute
 * precision ("2013-12-12T05:35Z"), so both a string of tags and a time without seconds are accepted.
 */
export const ZendeskWebhookSchema = z.object({
  ticket: z.looseObject({
    id: ticketId,
    created_at: z.union([isoTime, z.iso.datetime({ offset: true, precision: -1 })]),
    tags: z.union([text(100_000), tagList]).optional(),
    subject: searched.optional(),
  }),
});
export type ZendeskWebhook = z.infer<typeof ZendeskWebhookSchema>;

/**
 * Freshdesk: the "Trigger webhook" action of an automation rule, with the JSON keys Freshdesk's simple content mode
 * uses (`ticket_` + the placeholder's name). `{{ticket.tags}}` renders comma-separated.
 */
export const FreshdeskWebhookSchema = z.object({
  freshdesk_webhook: z.looseObject({
    ticket_id: ticketId,
    // Freshdesk renders `{{ticket.created_on}}` in the help desk's own format; only a time carrying its UTC offset
    // can be placed on Lantern's clock, so one without is refused with this message rather than guessed.
    ticket_created_on: text(60).regex(
      /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)? ?(?:Z|[+-]\d{2}:?\d{2})$/,
      'must be a time with its UTC offset, like 2026-03-04T10:15:00Z',
    ),
    ticket_tags: text(100_000).optional(),
    ticket_subject: searched.optional(),
  }),
});
export type FreshdeskWebhook = z.infer<typeof FreshdeskWebhookSchema>;

/** Help Scout: the body of a `convo.*` webhook is the Mailbox API 2.0 conversation object. */
export const HelpScoutWebhookSchema = z.looseObject({
  id: ticketId,
  createdAt: isoTime,
  subject: searched.nullish(),
  tags: z
    .array(z.looseObject({ tag: text(1_000) }))
    .max(1_000)
    .default([]),
  customFields: z
    .array(z.looseObject({ name: text(200), value: z.unknown(), text: z.unknown() }))
    .max(200)
    .default([]),
});
export type HelpScoutWebhook = z.infer<typeof HelpScoutWebhookSchema>;

/** Intercom: every notification is this envelope; `data.item` is read by topic. */
export const IntercomWebhookSchema = z.looseObject({
  type: z.literal('notification_event'),
  topic: text(200),
  data: z.looseObject({ item: z.unknown() }),
});
export type IntercomWebhook = z.infer<typeof IntercomWebhookSchema>;

/** The conversation in `data.item` of a `conversation.*` notification. */
export const IntercomConversationSchema = z.looseObject({
  id: ticketId,
  created_at: epochSeconds,
  tags: z.looseObject({ tags: z.array(z.looseObject({ name: text(1_000) })).max(1_000) }).optional(),
  custom_attributes: attributes.optional(),
  // Where the conversation started (the page's URL for the Messenger) and an email's subject: both are searched for
  // the reference only.
  source: z.looseObject({ url: searched.nullish(), subject: searched.nullish() }).optional(),
});
export type IntercomConversation = z.infer<typeof IntercomConversationSchema>;

/** Chatwoot: every webhook names its `event`; the rest of the body depends on it. */
export const ChatwootWebhookSchema = z.looseObject({ event: text(100) });
export type ChatwootWebhook = z.infer<typeof ChatwootWebhookSchema>;

/** The conversation a `conversation_created` webhook carries at the top level, beside `event`. */
export const ChatwootConversationSchema = z.looseObject({
  id: ticketId,
  created_at: epochSeconds,
  labels: tagList.default([]),
  custom_attributes: attributes.nullish(),
  // The contact's own custom attributes, set by the widget's setCustomAttributes, and an email inbox's subject.
  meta: z.looseObject({ sender: z.looseObject({ custom_attributes: attributes.nullish() }).nullish() }).optional(),
  additional_attributes: z.looseObject({ mail_subject: searched.nullish() }).nullish(),
});
export type ChatwootConversation = z.infer<typeof ChatwootConversationSchema>;
