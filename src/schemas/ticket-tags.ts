/** content/ticket-tags.json: which product area each help-desk ticket tag stands for (`{"billing": "subscription"}`). */
import { z } from 'zod';

export const TICKET_TAGS_FILE = 'ticket-tags.json';

export const TicketTagsFileSchema = z
  .record(
    z
      .string()
      .trim()
      .min(1, 'a tag must not be empty')
      .max(100)
      .transform((t) => t.toLowerCase()),
    z.string().min(1, 'must name a product area').max(120),
  )
  .refine((m) => Object.keys(m).length <= 2000, 'at most 2,000 tags');
export type TicketTagsFile = z.infer<typeof TicketTagsFileSchema>;
