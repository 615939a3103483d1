/** The events the browser sends to POST /api/events: a batch of 1–50, each a discriminated union on `type`. */
import { z } from 'zod';
import { REASONS, VOTES } from '../domain/event-kinds.ts';
import { TICKET_REF_PATTERN } from '../domain/ticket-ref.ts';

export const MAX_BATCH = 50;
export const MAX_BODY_BYTES = 64 * 1024;

const session = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, "_" or "-"');
const article = z.string().min(1).max(120);
// A lone surrogate (half of a UTF-16 pair) cannot be stored as UTF-8, nor can PostgreSQL store a NUL character in
// text: each becomes U+FFFD here, at the edge, so the text the write path looks up is the text either store holds.
const wellFormed = (text: string) => text.toWellFormed().replaceAll('\u0000', '\uFFFD');
const query = z.string().trim().min(1, 'must not be empty').max(200).transform(wellFormed);
const ts = z.number().int().nonnegative().max(8.64e15).optional();
/** The session's reference for the help desk (the contact link carries it): a ticket with it joins this session. */
const ref = z.string().regex(TICKET_REF_PATTERN, 'must be 12 lower-case letters or digits').optional();
const base = { session, ts, ref };

export const ViewEventSchema = z.object({ type: z.literal('view'), ...base, article });
const results = z.number().int().min(0).max(1_000_000);
export const SearchEventSchema = z.object({
  type: z.literal('search'),
  ...base,
  /** The query as typed, and what it found. */
  query,
  results,
  /** Set when a word was misspelt and the results shown were those of the corrected query. */
  corrected: z.object({ query, results }).optional(),
});
export const SearchClickEventSchema = z.object({
  type: z.literal('search_click'),
  ...base,
  query,
  article,
  position: z.number().int().min(1).max(1000),
});
export const FeedbackEventSchema = z.object({
  type: z.literal('feedback'),
  ...base,
  article,
  vote: z.enum(VOTES),
  reason: z.enum(REASONS).optional(),
  comment: z.string().trim().max(2000).transform(wellFormed).optional(),
});
export const ContactEventSchema = z.object({ type: z.literal('contact'), ...base, article: article.optional(), query: query.optional() });
export const TutorialStepEventSchema = z
  .object({
    type: z.literal('tutorial_step'),
    ...base,
    article,
    step: z.number().int().min(1).max(30),
    steps: z.number().int().min(1).max(30),
  })
  .refine((e) => e.steps >= e.step, { message: 'must not be smaller than step', path: ['steps'] });

export const EventSchema = z.discriminatedUnion('type', [
  ViewEventSchema,
  SearchEventSchema,
  SearchClickEventSchema,
  FeedbackEventSchema,
  ContactEventSchema,
  TutorialStepEventSchema,
]);
export type Event = z.infer<typeof EventSchema>;

export const EventBatchSchema = z.object({
  events: z.array(EventSchema).min(1, 'must hold at least one event').max(MAX_BATCH, `must hold at most ${MAX_BATCH} events`),
});
export type EventBatch = z.infer<typeof EventBatchSchema>;
