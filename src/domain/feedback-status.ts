/** Where a piece of reader feedback stands in the inbox: one list, read by the schemas, the server and the reports. */
export const FEEDBACK_STATUSES = ['new', 'acknowledged', 'planned', 'done', 'wont_fix'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export const STATUS_LABELS: Record<FeedbackStatus, string> = {
  new: 'new',
  acknowledged: 'acknowledged',
  planned: 'planned',
  done: 'done',
  wont_fix: "won't fix",
};
