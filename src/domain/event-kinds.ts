/** The kinds of reader events and the closed lists their fields take (the events table of the README). */
export const EVENT_TYPES = ['view', 'search', 'search_click', 'feedback', 'contact', 'tutorial_step'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const VOTES = ['up', 'down'] as const;

/** Why a reader voted an article down. */
export const REASONS = ['outdated', 'unclear', 'didnt_solve', 'product_issue', 'other'] as const;
export type Reason = (typeof REASONS)[number];
