/** A change to feedback in the inbox: its status, its assignee (an email; empty or null to unassign), a note. */
import { z } from 'zod';
import { FEEDBACK_STATUSES } from '../domain/feedback-status.ts';
import { EmailSchema } from './team.ts';

export const FeedbackChangeSchema = z
  .object({
    status: z.enum(FEEDBACK_STATUSES, `must be one of ${FEEDBACK_STATUSES.join(', ')}`).optional(),
    assignee: z.union([z.null(), z.literal('').transform(() => null), EmailSchema]).optional(),
    note: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      z.string().trim().max(2000, 'must be at most 2,000 characters').optional(),
    ),
  })
  .refine((c) => c.status !== undefined || c.assignee !== undefined || c.note !== undefined, {
    message: 'give a status, an assignee or a note',
  });
export type FeedbackChange = z.infer<typeof FeedbackChangeSchema>;

/** The inbox page's form: the items checked (or the one item's button) and the change. */
export const InboxFormSchema = z.object({
  ids: z.array(z.coerce.number().int().positive()).min(1, 'check at least one item').max(500),
  change: FeedbackChangeSchema,
});
