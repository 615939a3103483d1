/**
 * The help desk's side of the demo history: each session's reference, and the tickets readers file. Most readers who
 * click "Contact support" file one a few minutes later, a few who did not click file one anyway (a copied contact link
 * keeps the reference), now and then with the reference mistyped; tickets without a reference (email, the app's chat)
 * arrive beside them. Drawn from a stream of their own, so the readers' events are the same, draw for draw, as they
 * would be without tickets.
 */
import type { IncomingTicket } from '../help-desks/help-desk.ts';
import type { Manifest } from '../schemas/manifest.ts';
import { DAY_MS } from '../domain/utc-day.ts';
import { TICKET_REF_ALPHABET, TICKET_REF_LENGTH } from '../domain/ticket-ref.ts';
import { MISSING_TOPIC, TICKETS, TICKETS_AFTER_READING } from './planted-patterns.ts';
import { Random } from './random.ts';
import type { SessionEvents } from './session-events.ts';
import { SteadyRate } from './steady-draws.ts';

/** The web form (through the contact links, or by email without a reference) and the app's chat. */
export type DemoProvider = 'zendesk' | 'intercom';

export interface DemoTicket {
  provider: DemoProvider;
  ticket: IncomingTicket;
}

/** Tags agents add that no product area stands for. */
const UNMAPPED_TAGS = ['question', 'urgent', 'how_to', 'vip'];
/** The tag agents give tickets about the missing topic: no product area covers it either. */
const MISSING_TOPIC_TAG = 'payroll';
/** Mixed into the seed, so the tickets' stream is not the readers'. */
const TICKET_STREAM = 0x7d1c4e5b;
const MINUTE = 60_000;
/** Tickets without a reference come in office hours (UTC), like most sessions. */
const OFFICE_HOURS = [7, 20] as const;

interface Pending {
  at: number;
  ref: string | null;
  tags: string[];
  provider: DemoProvider;
}

export class TicketDesk {
  private readonly rng: Random;
  private readonly areas = new Map<string, string | null>();
  private readonly tagsByArea = new Map<string, string[]>();
  /** The article whose readers file tickets at the planted rate, when that pattern is active. */
  private readonly planted: string | undefined;
  private readonly draws: Record<'afterClick' | 'withoutClick' | 'planted' | 'withoutReference' | 'mistyped', SteadyRate>;
  private readonly nextId: Record<DemoProvider, number>;
  private pending: Pending[] = [];

  constructor(manifest: Manifest, seed: number, plantedSlug?: string) {
    this.rng = new Random((seed ^ TICKET_STREAM) >>> 0);
    for (const [slug, entry] of Object.entries(manifest.articles)) this.areas.set(slug, entry.product_area);
    // The mapping read backwards: which tags an agent may give a ticket about each product area.
    for (const [tag, area] of Object.entries(manifest.ticket_tags).sort(([a], [b]) => a.localeCompare(b)))
      this.tagsByArea.set(area, [...(this.tagsByArea.get(area) ?? []), tag]);
    this.planted = plantedSlug;
    this.draws = {
      afterClick: new SteadyRate(this.rng),
      withoutClick: new SteadyRate(this.rng),
      planted: new SteadyRate(this.rng),
      withoutReference: new SteadyRate(this.rng),
      mistyped: new SteadyRate(this.rng),
    };
    // Ids in the order tickets were created: Zendesk counts up, Intercom's conversations share a counter with every
    // other workspace.
    this.nextId = { zendesk: this.rng.int(30_000, 60_000), intercom: 215_000_000_000_000 + this.rng.int(0, 999_999_999) };
  }

  /** A new session's reference, as the tracker draws it: 12 characters of its alphabet. */
  newRef(): string {
    let ref = '';
    for (let i = 0; i < TICKET_REF_LENGTH; i++) ref += TICKET_REF_ALPHABET[Math.floor(this.rng.next() * TICKET_REF_ALPHABET.length)];
    return ref;
  }

  /** Decides, once the session is over, whether its reader files a ticket; every ticket stays on the session's day. */
  afterSession(s: SessionEvents, dayStart: number): void {
    const last = s.events.at(-1);
    if (!last) return;
    const contact = s.events.find((e) => e.type === 'contact');
    const read = s.events.flatMap((e) => (e.type === 'view' ? [e.article] : []));
    const plantedRead = this.planted !== undefined && read.includes(this.planted);
    let at: number;
    let topic: string | undefined;
    if (contact) {
      if (!this.draws.afterClick.next(TICKETS.afterClick)) return;
      // The help desk's form is quick: a few minutes after the click.
      at = contact.ts + this.rng.int(60, 600) * 1000;
      topic = contact.article ?? read.at(-1);
    } else {
      const filed = plantedRead
        ? this.draws.planted.next(TICKETS_AFTER_READING.withoutClick)
        : this.draws.withoutClick.next(TICKETS.withoutClick);
      if (!filed) return;
      // Later, through a contact link copied from the help center: still the same day's session.
      at = last.ts + this.rng.int(5, 180) * MINUTE;
      topic = plantedRead ? this.planted : read.at(-1);
    }
    const dayEnd = dayStart + DAY_MS - 1000;
    const query = contact?.query;
    const ref = this.draws.mistyped.next(TICKETS.mistyped) ? this.mistype(s.ref) : s.ref;
    this.pending.push({ at: Math.min(at, dayEnd), ref, tags: this.tagsFor(topic, query), provider: 'zendesk' });
    // Other customers with the same kind of question write in by email or from the app, with no reference.
    if (this.draws.withoutReference.next(TICKETS.withoutReference)) {
      const minute = this.rng.int(OFFICE_HOURS[0] * 60, OFFICE_HOURS[1] * 60 - 1);
      this.pending.push({
        at: dayStart + minute * MINUTE + this.rng.int(0, 59) * 1000,
        ref: null,
        tags: this.tagsFor(topic, query),
        provider: this.rng.chance(0.5) ? 'zendesk' : 'intercom',
      });
    }
  }

  /** The tickets filed since the last call, in the order they were created, each with its provider's next id. */
  takeDay(): DemoTicket[] {
    const day = this.pending.sort((a, b) => a.at - b.at);
    this.pending = [];
    return day.map(({ at, ref, tags, provider }) => {
      const id = this.nextId[provider];
      this.nextId[provider] += provider === 'zendesk' ? 1 : this.rng.int(1_000, 90_000);
      return { provider, ticket: { id: String(id), ref, createdAt: at, tags } };
    });
  }

  /** A reference copied by hand with one character wrong: no session has it. */
  private mistype(ref: string): string {
    const at = this.rng.int(0, ref.length - 1);
    const others = TICKET_REF_ALPHABET.replace(ref[at]!, '');
    return ref.slice(0, at) + this.rng.pick([...others]) + ref.slice(at + 1);
  }

  /** One or two of the tags that stand for the article's product area, now and then an unmapped one beside or instead. */
  private tagsFor(slug: string | undefined, query: string | undefined): string[] {
    const area = slug === undefined ? null : (this.areas.get(slug) ?? null);
    const mapped = area === null ? [] : (this.tagsByArea.get(area) ?? []);
    if (mapped.length === 0 || this.rng.chance(TICKETS.onlyUnmappedTag)) {
      const missingTopic = query !== undefined && (MISSING_TOPIC.queries as readonly string[]).includes(query);
      return [missingTopic ? MISSING_TOPIC_TAG : this.rng.pick(UNMAPPED_TAGS)];
    }
    const first = this.rng.pick(mapped);
    const tags = [first];
    if (mapped.length > 1 && this.rng.chance(0.3)) tags.push(this.rng.pick(mapped.filter((t) => t !== first)));
    if (this.rng.chance(TICKETS.extraTag)) tags.push(this.rng.pick(UNMAPPED_TAGS));
    return tags;
  }
}
