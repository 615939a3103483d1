/** `npm run alerts`: one round of alerts and weekly digests now (as the server does every 15 minutes), and what it sent. */
import { migrateToLatest } from '../../db/migrate.ts';
import { configuredOrigin } from '../server/public-origin.ts';
import { channelsFrom, deliverRound } from '../alerts/deliver.ts';
import { openConfiguredStore } from '../server/open-store.ts';
import { envOrExit, fail } from './cli-exit.ts';

const env = envOrExit();
const channels = channelsFrom(env);
if (!channels.email && !channels.webhook) fail('Nothing to send with: set KB_SMTP_URL (email) or KB_ALERT_WEBHOOK_URL (chat).');
const store = openConfiguredStore(env);
try {
  await migrateToLatest(store.db);
  const outcomes = await deliverRound(store.db, channels, {
    origin: configuredOrigin(env),
    minZeroResults: env.KB_ALERT_MIN_ZERO_RESULTS,
    digests: true,
  });
  if (outcomes.length === 0) console.log('Nothing worth an alert, and no digest due.');
  for (const o of outcomes) console.log(`${o.outcome.padEnd(12)} ${o.channel.padEnd(8)} ${o.key}`);
} finally {
  await store.close();
}
