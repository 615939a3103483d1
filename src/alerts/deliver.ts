/**
 * Sends the alerts and digests: alerts by email to editors and admins and to the chat webhook, digests by email to
 * each person. Every delivery is recorded per channel before it is tried, so it is sent once; one that fails is tried
 * again later, waiting twice as long each time (1 minute, 2, 4, … up to 6 hours), and given up after 8 attempts.
 */
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { Database } from '../../db/schema.ts';
import type { Env } from '../schemas/env.ts';
import { findAlerts, type Alert } from './find-alerts.ts';
import { weeklyDigests } from './weekly-digest.ts';

const MAX_ATTEMPTS = 8;
const backoff = (attempts: number) => Math.min(2 ** (attempts - 1) * 60_000, 6 * 60 * 60_000);

export interface Channels {
  email?: { send: (message: { to: string; subject: string; text: string }) => Promise<void> };
  webhook?: { send: (text: string) => Promise<void> };
}

/** The channels the environment configures: SMTP through nodemailer, and a Slack-compatible incoming webhook. */
export function channelsFrom(env: Env): Channels {
  const transport = env.KB_SMTP_URL ? nodemailer.createTransport(env.KB_SMTP_URL) : undefined;
  const webhook = env.KB_ALERT_WEBHOOK_URL;
  return {
    email: transport && {
      send: async (message) => {
        await transport.sendMail({ from: env.KB_ALERT_FROM, ...message });
      },
    },
    webhook: webhook
      ? {
          send: async (text) => {
            const response = await fetch(webhook, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ text }),
              signal: AbortSignal.timeout(10_000),
            });
            if (!response.ok) throw new Error(`the webhook answered ${response.status}`);
          },
        }
      : undefined,
  };
}

export type Outcome = 'sent' | 'failed' | 'waiting' | 'already sent';

/** Sends one delivery unless it was sent, is waiting for its next attempt, or was given up. */
async function deliverOnce(db: Kysely<Database>, key: string, channel: 'email' | 'webhook', send: () => Promise<void>, now: number) {
  await db
    .insertInto('deliveries')
    .values({ key, channel, next_attempt_at: now, sent_at: null, last_error: null })
    .onConflict((oc) => oc.columns(['key', 'channel']).doNothing())
    .execute();
  const row = await db.selectFrom('deliveries').selectAll().where('key', '=', key).where('channel', '=', channel).executeTakeFirstOrThrow();
  if (row.sent_at !== null) return 'already sent';
  if (Number(row.attempts) >= MAX_ATTEMPTS || Number(row.next_attempt_at) > now) return 'waiting';
  // Claimed first (attempts counted, the next attempt moved on): another server running the same round skips it.
  const attempts = Number(row.attempts) + 1;
  const claimed = await db
    .updateTable('deliveries')
    .set({ attempts, next_attempt_at: now + backoff(attempts) })
    .where('key', '=', key)
    .where('channel', '=', channel)
    .where('attempts', '=', Number(row.attempts))
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return 'waiting';
  try {
    await send();
  } catch (error) {
    await db
      .updateTable('deliveries')
      .set({ last_error: String((error as Error).message ?? error).slice(0, 500) })
      .where('key', '=', key)
      .where('channel', '=', channel)
      .execute();
    return 'failed';
  }
  await db
    .updateTable('deliveries')
    .set({ sent_at: now, last_error: null })
    .where('key', '=', key)
    .where('channel', '=', channel)
    .execute();
  return 'sent';
}

const alertText = (a: Alert) => `${a.title}\n${a.evidence}\n${a.link}`;

export interface RoundSettings {
  origin: string;
  minZeroResults: number;
  digests: boolean;
}

/** One round: every alert and (with `digests`) every digest due, through the configured channels. */
export async function deliverRound(
  db: Kysely<Database>,
  channels: Channels,
  settings: RoundSettings,
  now = Date.now(),
): Promise<{ key: string; channel: string; outcome: Outcome }[]> {
  if (!channels.email && !channels.webhook) return [];
  const alerts = await findAlerts(db, settings, now);
  const outcomes: { key: string; channel: string; outcome: Outcome }[] = [];
  const recipients = (
    await db.selectFrom('people').select('email').where('role', 'in', ['editor', 'admin']).orderBy('email').execute()
  ).map((p) => p.email);
  for (const alert of alerts) {
    const { email, webhook } = channels;
    if (email && recipients.length)
      outcomes.push({
        key: alert.key,
        channel: 'email',
        outcome: await deliverOnce(
          db,
          alert.key,
          'email',
          () => email.send({ to: recipients.join(', '), subject: alert.title, text: alertText(alert) }),
          now,
        ),
      });
    if (webhook)
      outcomes.push({
        key: alert.key,
        channel: 'webhook',
        outcome: await deliverOnce(db, alert.key, 'webhook', () => webhook.send(alertText(alert)), now),
      });
  }
  const { email } = channels;
  if (settings.digests && email)
    for (const digest of await weeklyDigests(db, settings.origin, alerts, now))
      outcomes.push({
        key: digest.key,
        channel: 'email',
        outcome: await deliverOnce(
          db,
          digest.key,
          'email',
          () => email.send({ to: digest.to, subject: digest.subject, text: digest.text }),
          now,
        ),
      });
  return outcomes;
}
