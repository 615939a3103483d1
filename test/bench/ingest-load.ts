/**
 * One step of the ingest benchmark: posts bodies at a fixed rate for a few seconds, open loop, and counts what the
 * server acknowledged (202), with latency percentiles.
 *
 * Open loop: request i is due at start + i / rate whatever happened to the ones before, and its latency runs from
 * that moment, so a server that falls behind is charged for the wait (no coordinated omission). autocannon was used
 * before; its rate limit lets every connection send its quota for the second back to back and then pause until the
 * next second, so the server saw a burst each second instead of a steady rate, and its latencies measured the burst.
 */
import http from 'node:http';
import type { RequestBody } from './ingest-requests.ts';

export interface StepResult {
  /** Requests per second asked for, and the events per second that implies. */
  offeredRps: number;
  offeredEps: number;
  /** Events acknowledged (202) per second, from the first request due to the last answer. */
  eventsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  /** Answers other than 202, and connection errors or timeouts. */
  failures: number;
  /** Session ids of acknowledged requests: each must be in the database afterwards. */
  acknowledged: Set<string>;
}

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
const TIMEOUT_MS = 10_000;

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0;

/** Posts `rps` requests a second for `seconds`, to the servers at `urls` in turn (several: instances behind a balancer). */
export async function loadStep(
  urls: string | string[],
  rps: number,
  seconds: number,
  next: () => RequestBody,
  eventsPerRequest: number,
): Promise<StepResult> {
  const targets = [urls].flat().map((url) => new URL('/api/events', url));
  let turn = 0;
  // Keep-alive connections, opened as needed: as many requests in flight as the server makes wait.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const acknowledged = new Set<string>();
  const latencies: number[] = [];
  let events = 0;
  let failures = 0;
  let lastAnswer = 0;
  const answered: Promise<void>[] = [];

  const post = (due: number, body: RequestBody) =>
    new Promise<void>((settled) => {
      const done = (ok: boolean) => {
        lastAnswer = performance.now();
        latencies.push(lastAnswer - due);
        if (ok) {
          events += body.events;
          for (const s of body.sessions) acknowledged.add(s);
        } else failures += 1;
        settled();
      };
      const request = http.request(
        targets[turn++ % targets.length]!,
        {
          method: 'POST',
          agent,
          timeout: TIMEOUT_MS,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body.body), 'user-agent': BROWSER },
        },
        (response) => {
          response.resume();
          response.on('end', () => done(response.statusCode === 202));
          response.on('error', () => done(false));
        },
      );
      request.on('timeout', () => request.destroy(new Error('timed out')));
      request.on('error', () => done(false));
      request.end(body.body);
    });

  const total = Math.round(rps * seconds);
  const interval = 1000 / rps;
  const start = performance.now();
  await new Promise<void>((finished) => {
    let sent = 0;
    const sendDue = () => {
      const now = performance.now();
      // Timers fire late by a millisecond or so: send everything due by now, each timed from when it was due.
      for (; sent < total && start + sent * interval <= now; sent += 1) answered.push(post(start + sent * interval, next()));
      if (sent < total) setTimeout(sendDue, Math.max(0, start + sent * interval - performance.now()));
      else finished();
    };
    sendDue();
  });
  await Promise.all(answered);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    offeredRps: rps,
    offeredEps: rps * eventsPerRequest,
    eventsPerSecond: events / ((lastAnswer - start) / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    requests: total,
    failures,
    acknowledged,
  };
}
