/**
 * One step of the ingest benchmark: autocannon posts bodies at a fixed request rate for a few seconds and we count
 * what the server acknowledged (202), with latency percentiles corrected for coordinated omission.
 */
import autocannon from 'autocannon';
import type { RequestBody } from './ingest-requests.ts';

export interface StepResult {
  /** Requests per second asked for, and the events per second that implies. */
  offeredRps: number;
  offeredEps: number;
  /** Events acknowledged (202) per second of the step. */
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

export async function loadStep(url: string, rps: number, seconds: number, next: () => RequestBody, eventsPerRequest: number): Promise<StepResult> {
  const acknowledged = new Set<string>();
  let events = 0;
  let failures = 0;
  // Enough connections for the rate at ~10 ms per request, so the rate, not the connections, is the limit.
  const connections = Math.max(4, Math.min(200, Math.ceil(rps / 100)));
  const result = await autocannon({
    url: `${url}/api/events`,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': BROWSER },
    connections,
    overallRate: rps,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        setupRequest: (request, context) => {
          const body = next();
          (context as { body?: RequestBody }).body = body;
          return { ...request, body: body.body };
        },
        onResponse: (status, _body, context) => {
          const body = (context as { body?: RequestBody }).body!;
          if (status !== 202) return void (failures += 1);
          events += body.events;
          for (const s of body.sessions) acknowledged.add(s);
        },
      },
    ],
  });
  return {
    offeredRps: rps,
    offeredEps: rps * eventsPerRequest,
    eventsPerSecond: events / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: failures + result.errors + result.timeouts,
    acknowledged,
  };
}
