/**
 * What GET /metrics tells an operator, in the Prometheus text format: event requests by outcome, events accepted,
 * commit groups (size and time), how long a request waits for its commit, report times, and the store's connection
 * pools. Counts only: no query, slug, address or session ever becomes a label.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EventStore } from '../../db/client.ts';

export type EventOutcome = 'accepted' | 'bot' | 'invalid' | 'rate_limited' | 'unavailable' | 'not_built';

/** Commits take milliseconds; a stalled store, seconds. */
const COMMIT_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export class ServerMetrics {
  readonly registry = new Registry();
  readonly #requests = new Counter({
    name: 'lantern_event_requests_total',
    help: 'POST /api/events requests by outcome.',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  readonly #events = new Counter({
    name: 'lantern_events_accepted_total',
    help: 'Events acknowledged with 202 and stored.',
    registers: [this.registry],
  });
  readonly #wait = new Histogram({
    name: 'lantern_event_commit_wait_seconds',
    help: 'From a request handed to the writer until its events were committed (group wait included).',
    buckets: COMMIT_SECONDS,
    registers: [this.registry],
  });
  readonly #groupEvents = new Histogram({
    name: 'lantern_commit_group_events',
    help: 'Events per committed group (the requests that arrived together).',
    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500],
    registers: [this.registry],
  });
  readonly #groupSeconds = new Histogram({
    name: 'lantern_commit_group_seconds',
    help: 'Time of one group transaction, by result.',
    labelNames: ['result'],
    buckets: COMMIT_SECONDS,
    registers: [this.registry],
  });
  readonly #reports = new Histogram({
    name: 'lantern_report_seconds',
    help: 'Time to answer a report (API and dashboard), by report.',
    labelNames: ['report'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  constructor(store: EventStore) {
    collectDefaultMetrics({ register: this.registry, prefix: 'lantern_' });
    const pools = store.poolStats;
    if (pools)
      new Gauge({
        name: 'lantern_store_connections',
        help: "The store's connections by pool (write, report) and state (total, idle, waiting for one).",
        labelNames: ['pool', 'state'],
        registers: [this.registry],
        collect() {
          for (const p of pools()) {
            this.set({ pool: p.pool, state: 'total' }, p.total);
            this.set({ pool: p.pool, state: 'idle' }, p.idle);
            this.set({ pool: p.pool, state: 'waiting' }, p.waiting);
          }
        },
      });
  }

  eventRequest(outcome: EventOutcome, accepted = 0): void {
    this.#requests.inc({ outcome });
    if (accepted > 0) this.#events.inc(accepted);
  }

  commitWait(seconds: number): void {
    this.#wait.observe(seconds);
  }

  group(events: number, seconds: number, ok: boolean): void {
    this.#groupEvents.observe(events);
    this.#groupSeconds.observe({ result: ok ? 'committed' : 'failed' }, seconds);
  }

  report(name: string, seconds: number): void {
    this.#reports.observe({ report: name }, seconds);
  }
}
