/** Compact integer codes for the raw events table (a code costs one byte where a word costs ten). */
import { REASONS, type EventType } from './event-kinds.ts';

export const TYPE_CODES: Record<EventType, number> = {
  view: 1,
  search: 2,
  search_click: 3,
  feedback: 4,
  contact: 5,
  tutorial_step: 6,
};
export const VOTE_CODES = { down: 0, up: 1 } as const;
export const reasonCode = (reason: string | undefined): number | null =>
  reason === undefined ? null : REASONS.indexOf(reason as (typeof REASONS)[number]) + 1;
