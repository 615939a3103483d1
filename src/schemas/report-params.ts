/** Report names and the query parameters every report accepts: an inclusive UTC date range and optional filters. */
import { z } from 'zod';
import { addDays, DAY_MS, utcDay } from '../domain/utc-day.ts';
import { FEEDBACK_STATUSES } from '../domain/feedback-status.ts';
import { REASONS } from '../domain/event-kinds.ts';
import { SLUG_PATTERN } from '../domain/slug-pattern.ts';

/** Every report, listed once; `article` takes a slug (`/api/reports/article/<slug>`). */
export const REPORTS = ['overview', 'deflection', 'ratings', 'friction', 'search', 'content', 'tutorials', 'inbox', 'article'] as const;
export const ReportNameSchema = z.enum(REPORTS);
export type ReportName = z.infer<typeof ReportNameSchema>;
export const FORMATS = ['json', 'csv'] as const;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date like 2026-10-14', abort: true })
  // Date.parse rolls 2026-02-30 over to March; a real calendar date survives the round trip.
  .refine((d) => {
    const ms = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(ms) && utcDay(ms) === d;
  }, 'is not a calendar date');

export const DEFAULT_RANGE_DAYS = 28;
const MAX_RANGE_DAYS = 3660;

/**
 * A report request as it arrives (query string or CLI flags): every field optional, `from`/`to` default to the
 * last 28 days ending today (UTC), or 28 days around whichever of the two is given.
 */
export const ReportQuerySchema = z
  .object({
    from: day.optional(),
    to: day.optional(),
    category: z.string().min(1).max(120).optional(),
    product_area: z.string().min(1).max(120).optional(),
    review_days: z.coerce.number().int().min(1).max(3650).optional(),
    /** The inbox's filters: a status, an article, a reason, an assignee (an email, or "none"), and items after a time. */
    status: z.enum(FEEDBACK_STATUSES, `must be one of ${FEEDBACK_STATUSES.join(', ')}`).optional(),
    article: z.string().regex(SLUG_PATTERN, 'must be an article slug').optional(),
    reason: z.enum(REASONS, `must be one of ${REASONS.join(', ')}`).optional(),
    assignee: z.union([z.literal('none'), z.email().max(254)], 'must be an email address, or "none"').optional(),
    since: z.coerce.number().int().min(0).optional(),
    format: z.enum(FORMATS).default('json'),
    /** For CSV: which of the report's tables; the first when absent. */
    table: z
      .string()
      .regex(/^[a-z][a-z-]{0,39}$/, 'must be a table name like "articles"')
      .optional(),
  })
  .strict()
  .transform(({ from, to, ...rest }) => {
    const end = to ?? (from ? addDays(from, DEFAULT_RANGE_DAYS - 1) : utcDay(Date.now()));
    const start = from ?? addDays(end, 1 - DEFAULT_RANGE_DAYS);
    return { ...rest, from: start, to: end };
  })
  .refine((p) => p.from <= p.to, { message: 'must not be after "to"', path: ['from'] })
  .refine((p) => (Date.parse(p.to) - Date.parse(p.from)) / DAY_MS < MAX_RANGE_DAYS, {
    message: `must be at most ${MAX_RANGE_DAYS} days before "to"`,
    path: ['from'],
  });
export type ReportQuery = z.infer<typeof ReportQuerySchema>;
/** What every report function takes: a parsed request without its output format. */
export type ReportParams = Omit<ReportQuery, 'format' | 'table'>;
