/** Rounds of alerts and digests while the server runs: every 15 minutes, when a channel is configured. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Env } from '../schemas/env.ts';
import { channelsFrom, deliverRound } from './deliver.ts';
import { configuredOrigin } from '../server/public-origin.ts';

const ROUND_MS = 15 * 60_000;

export function scheduleAlerts(db: Kysely<Database>, env: Env): void {
  const channels = channelsFrom(env);
  if (!channels.email && !channels.webhook) return;
  const settings = { origin: configuredOrigin(env), minZeroResults: env.KB_ALERT_MIN_ZERO_RESULTS, digests: true };
  let running = false;
  const round = async () => {
    if (running) return;
    running = true;
    try {
      await deliverRound(db, channels, settings);
    } catch (error) {
      console.error('alerts: a round failed, the next one tries again:', error);
    } finally {
      running = false;
    }
  };
  setInterval(() => void round(), ROUND_MS).unref();
}
