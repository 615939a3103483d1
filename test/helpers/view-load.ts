/**
 * Steady load of single view events, one new session each, from several clients until stopped; and the check of what
 * PostgreSQL stored of it. Shared by the PostgreSQL fault tests and the ingest benchmark's fault table.
 */
import pg from 'pg';
import { newSession, postEvents } from './events-client.ts';

export interface ViewLoad {
  acknowledged: string[];
  statuses: Map<number, number>;
  /** Answers that were neither 202 nor 503 with Retry-After, and requests the server did not answer. */
  unexpected: string[];
  /** The longest any request waited for its answer, in ms. */
  longestWait: number;
  stop(): Promise<void>;
}

export function viewLoad(url: string, article: string, clients: number): ViewLoad {
  const result: ViewLoad = { acknowledged: [], statuses: new Map(), unexpected: [], longestWait: 0, stop: async () => {} };
  let running = true;
  const client = async (n: number) => {
    while (running) {
      const session = newSession();
      const sent = performance.now();
      try {
        const response = await postEvents(url, [{ type: 'view', session, article }], { from: `192.0.2.${n + 1}` });
        result.longestWait = Math.max(result.longestWait, performance.now() - sent);
        result.statuses.set(response.status, (result.statuses.get(response.status) ?? 0) + 1);
        if (response.status === 202) result.acknowledged.push(session);
        else if (response.status !== 503 || !Number(response.headers.get('retry-after')))
          result.unexpected.push(`${response.status} ${await response.text()}`);
        else await new Promise((r) => setTimeout(r, 50));
      } catch (error) {
        result.unexpected.push(`no answer: ${(error as Error).message}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  const workers = Array.from({ length: clients }, (_, n) => client(n));
  result.stop = async () => {
    running = false;
    await Promise.all(workers);
  };
  return result;
}

/** How many view events each of these sessions has in the PostgreSQL database at `url`. */
export async function storedViews(url: string, sessions: string[]): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ key: string; n: string }>(
      'select s.key, count(e.id) as n from sessions s left join events e on e.session_id = s.id and e.type = 1 where s.key = any($1) group by s.key',
      [sessions],
    );
    return new Map(rows.map((r) => [r.key, Number(r.n)]));
  } finally {
    await client.end();
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
