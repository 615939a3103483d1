/**
 * What every help desk's ticket webhook comes down to: verify the request with the provider's own scheme, then read
 * from its payload the ticket's id, creation time, tags and Lantern reference — and nothing about the person.
 */

/** The ticket as Lantern keeps it. */
export interface IncomingTicket {
  /** The provider's ticket (conversation) id, as text. */
  id: string;
  /** The reader's reference, lower-cased (see src/domain/ticket-ref.ts); null when the ticket carried none. */
  ref: string | null;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Lower-cased, trimmed, at most 50, each at most 100 characters. */
  tags: string[];
}

export interface WebhookRequest {
  /** The raw body, exactly as received (signatures are computed over these bytes). */
  body: string;
  headers: Headers;
  /** KB_TICKETS_SECRET_<PROVIDER>. */
  secret: string;
  /** Epoch milliseconds: for schemes carrying a timestamp. */
  now: number;
}

export type ParsedWebhook =
  | { kind: 'ticket'; ticket: IncomingTicket }
  /** A delivery that is not a new ticket (another event type, a test ping): acknowledged, nothing stored. */
  | { kind: 'ignored'; why: string }
  | { kind: 'invalid'; issues: { path: string; message: string }[] };

export interface HelpDesk {
  name: string;
  /**
   * `signature`: the provider signs each request with the secret, checked by `verify`. `path`: the provider cannot
   * sign, so the secret is the last segment of the webhook URL (POST /api/tickets/<provider>/<secret>).
   */
  auth: 'signature' | 'path';
  /** True only for a request signed with `secret` (and, where the scheme has one, a timestamp not too old). */
  verify(request: WebhookRequest): boolean;
  /**
   * Reads a verified body (already JSON-parsed); `refParam` is KB_TICKET_REF_PARAM, the custom field's name; `headers`
   * for providers that name the event there.
   */
  parse(body: unknown, refParam: string, headers: Headers): ParsedWebhook;
}
