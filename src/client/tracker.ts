/**
 * The reader-event tracker (no dependencies): views, settled searches, result clicks, contacts and tutorial
 * steps, batched and sent with fetch keepalive or sendBeacon; kept in localStorage when the API cannot take them.
 */
import { SEARCH_CLICK, SEARCH_SETTLED, type SearchClickDetail, type SearchSettledDetail } from './search-events.ts';
import { STEP_REACHED, type StepReachedDetail } from './tutorial-progress.ts';
import { decorateContactLinks } from './contact-links.ts';
import { DEFAULT_TICKET_REF_PARAM, newTicketRef } from '../domain/ticket-ref.ts';

type Payload = Record<string, string | number | { query: string; results: number }>;
const SESSION_KEY = 'kb-session';
const SEARCHED_KEY = 'kb-searched';
const OUTBOX_KEY = 'kb-outbox';
const IDLE_MS = 30 * 60 * 1000;
const OUTBOX_MAX = 200;
const endpoint = document.querySelector<HTMLMetaElement>('meta[name="kb-api"]')?.content ?? '/api/events';
const article = document.querySelector<HTMLMetaElement>('meta[name="kb-article"]')?.content;
const refParam = document.querySelector<HTMLMetaElement>('meta[name="kb-ref-param"]')?.content ?? DEFAULT_TICKET_REF_PARAM;
let queue: Payload[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
let lastQuery: string | undefined;
let retryMs = 0;
/** The reference the contact links carry now (a renewed session brings a new one). */
let decoratedWith: string | undefined;

function storage(kind: 'session' | 'local'): Storage | undefined {
  try {
    return kind === 'session' ? sessionStorage : localStorage;
  } catch {
    return undefined;
  }
}

/**
 * A random id per tab, renewed after 30 minutes without activity (a new help-center session), and the session's
 * reference for the help desk: random too, so a ticket can carry it without carrying the session id.
 */
function currentSession(now = Date.now()): { id: string; ref: string } {
  const store = storage('session');
  let saved: { id: string; ref?: string; at: number } | undefined;
  try {
    saved = JSON.parse(store?.getItem(SESSION_KEY) ?? 'null') ?? undefined;
  } catch {
    saved = undefined;
  }
  if (!saved || now - saved.at > IDLE_MS) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    saved = { id: btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, (c) => ({ '+': '-', '/': '_', '=': '' })[c]!), at: now };
    store?.removeItem(SEARCHED_KEY);
  }
  saved.ref ??= newTicketRef();
  saved.at = now;
  store?.setItem(SESSION_KEY, JSON.stringify(saved));
  return { id: saved.id, ref: saved.ref };
}

/** Fields every event carries: the session, its reference, the time. */
export function eventBase(): { session: string; ref: string; ts: number } {
  const { id, ref } = currentSession();
  if (ref !== decoratedWith) {
    decoratedWith = ref;
    decorateContactLinks(ref, refParam);
  }
  return { session: id, ref, ts: Date.now() };
}

function readOutbox(): Payload[] {
  try {
    return JSON.parse(storage('local')?.getItem(OUTBOX_KEY) ?? '[]');
  } catch {
    return [];
  }
}

function keep(events: Payload[]): void {
  storage('local')?.setItem(OUTBOX_KEY, JSON.stringify([...readOutbox(), ...events].slice(-OUTBOX_MAX)));
}

/** While the page stays open, kept events are tried again: after Retry-After, at least 5 s, doubling to 1 min. */
function retryLater(retryAfterSeconds = 0): void {
  retryMs = Math.min(60_000, Math.max(retryAfterSeconds * 1000, retryMs * 2, 5000));
  clearTimeout(timer);
  timer = setTimeout(flush, retryMs);
}

/** Sends events; returns the HTTP status, or 0 when the API could not be reached. */
export async function send(events: Payload[]): Promise<number> {
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      keepalive: true,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ events }),
    });
    // 400 means these events will never be accepted: retrying would only repeat the rejection.
    if (response.status === 429 || response.status >= 500) {
      keep(events);
      retryLater(Number(response.headers.get('Retry-After')) || 0);
    } else retryMs = 0;
    return response.status;
  } catch {
    keep(events);
    retryLater();
    return 0;
  }
}

/** Sends `events` now, behind whatever is queued, so the server sees them in the order they happened. */
export function sendNow(events: Payload[]): Promise<number> {
  return send(drain(events));
}

/** Takes kept, queued and `extra` events as one batch of at most 50; older ones stay kept for the next send. */
function drain(extra: Payload[] = []): Payload[] {
  clearTimeout(timer);
  const all = [...readOutbox(), ...queue, ...extra];
  storage('local')?.removeItem(OUTBOX_KEY);
  queue = [];
  if (all.length > 50) keep(all.slice(0, -50));
  return all.slice(-50);
}

function flush(useBeacon = false): void {
  const events = drain();
  if (!events.length) return;
  if (useBeacon && navigator.sendBeacon) {
    if (!navigator.sendBeacon(endpoint, new Blob([JSON.stringify({ events })], { type: 'text/plain' }))) keep(events);
  } else void send(events);
}

export function track(type: string, fields: Payload = {}): void {
  queue.push({ type, ...eventBase(), ...fields });
  clearTimeout(timer);
  timer = setTimeout(flush, queue.length >= 20 ? 0 : 1500);
}

export function initTracker(): void {
  if (article) track('view', { article });
  else eventBase(); // contact links carry the reference on every page
  // A tab left open past the idle limit starts a new session: the link is brought up to date before it is followed.
  for (const type of ['pointerdown', 'focusin'])
    document.addEventListener(type, (e) => (e.target as Element).closest?.('[data-contact-support]') && eventBase(), true);
  document.addEventListener(SEARCH_SETTLED, (e) => {
    const { query, results, corrected } = (e as CustomEvent<SearchSettledDetail>).detail;
    lastQuery = query;
    const searched: string[] = JSON.parse(storage('session')?.getItem(SEARCHED_KEY) ?? '[]');
    const key = query.toLowerCase().replace(/\s+/g, ' ');
    if (searched.includes(key)) return; // a query counts once per session
    storage('session')?.setItem(SEARCHED_KEY, JSON.stringify([...searched, key].slice(-100)));
    track('search', corrected ? { query, results, corrected } : { query, results });
  });
  document.addEventListener(SEARCH_CLICK, (e) => {
    const d = (e as CustomEvent<SearchClickDetail>).detail;
    track('search_click', { query: d.query, article: d.article, position: d.position });
    flush(true);
  });
  document.addEventListener(STEP_REACHED, (e) => {
    const d = (e as CustomEvent<StepReachedDetail>).detail;
    if (article) track('tutorial_step', { article, step: d.step, steps: d.steps });
  });
  // Following "Contact support" records the escalation and then navigates as usual.
  document.addEventListener('click', (e) => {
    if (!(e.target as Element).closest?.('[data-contact-support]')) return;
    track('contact', article ? { article } : lastQuery ? { query: lastQuery } : {});
    flush(true);
  });
  addEventListener('pagehide', () => flush(true));
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && flush(true));
  if (readOutbox().length) setTimeout(flush, 3000);
}
