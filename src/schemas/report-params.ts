/** Query parameters every report accepts: an inclusive UTC date range and optional filters. */
import { z } from 'zod';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-10-14').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'is not a calendar date');

export const ReportParamsSchema = z
  .object({
    from: day,
    to: day,
    category: z.string().max(120).optional(),
    product_area: z.string().max(120).optional(),
  })
  .refine((p) => p.from <= p.to, { message: 'must not be after "to"', path: ['from'] });
export type ReportParams = z.infer<typeof ReportParamsSchema>;
