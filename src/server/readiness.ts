/** Whether the store can take events now: it answers, and it holds every migration this code needs. */
import { sql } from 'kysely';
import type { EventStore } from '../../db/client.ts';
import { migrations } from '../../db/migrations/index.ts';
import { StoreUnavailableError } from '../../db/store-errors.ts';

/** A load balancer waits for an answer only so long; a store slower than this is as good as down. */
const READY_TIMEOUT_MS = 2000;

export async function checkReady(store: EventStore): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new StoreUnavailableError(`the store did not answer within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
  });
  try {
    const applied = await Promise.race([
      sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(store.db).then((r) => Number(r.rows[0]?.n ?? 0)),
      timeout,
    ]);
    const expected = Object.keys(migrations).length;
    if (applied < expected) throw new StoreUnavailableError(`the store has ${applied} of ${expected} migrations`);
  } finally {
    clearTimeout(timer);
  }
}
