/** Load that ends in a SIGKILL of the server, for the crash-recovery tests on either store. */
import { newSession, postEvents } from './events-client.ts';
import type { RunningSite } from './site-build.ts';

export const QUERIES_PER_BATCH = 5;
const CLIENTS = 8;
export const ROUNDS = 4;

/**
 * Clients post batches until the server dies; the server is killed at a random moment after a random number
 * of acknowledgements (so every round crashes mid-load however slow the machine is). Returns the sessions
 * whose batch was answered 202.
 */
export async function loadUntilKilled(site: RunningSite): Promise<string[]> {
  const acknowledged: string[] = [];
  const killAfter = 10 + Math.floor(Math.random() * 30);
  let killing: Promise<void> | undefined;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (;;) {
        const session = newSession();
        const events = Array.from({ length: QUERIES_PER_BATCH }, (_, i) => ({
          type: 'search',
          session,
          query: `crash probe ${i}`,
          results: i,
        }));
        try {
          const response = await postEvents(site.url, events, { from: `192.0.2.${client}` });
          if (response.status === 202) acknowledged.push(session);
        } catch {
          return; // the server is gone: whatever was not answered may or may not be stored
        }
        if (acknowledged.length >= killAfter && !killing) {
          killing = new Promise((r) => setTimeout(r, Math.random() * 50)).then(() => site.kill());
        }
      }
    }),
  );
  await killing;
  return acknowledged;
}
