/**
 * A webhook delivery as each help desk sends it: the headers its documentation names, signed with its own scheme,
 * and the URL path. Signatures are computed here from the providers' documents, not with the code under test.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { HelpDeskName } from '../../src/help-desks/help-desks.ts';

export interface DeliveryOptions {
  /** Help Scout's X-HelpScout-Event (the others name the event in the body); `convo.created` by default. */
  event?: string;
  /** When the provider signed the delivery, for schemes with a timestamp; `now` by default. */
  signedAt?: number;
}

const hmac = (algorithm: 'sha1' | 'sha256', secret: string, message: string) => createHmac(algorithm, secret).update(message, 'utf8');
const JSON_TYPE = { 'Content-Type': 'application/json' };

export function signedRequest(
  provider: HelpDeskName,
  body: string,
  secret: string,
  now: number,
  { event = 'convo.created', signedAt = now }: DeliveryOptions = {},
): { headers: Record<string, string>; path: string } {
  const path = `/api/tickets/${provider}`;
  switch (provider) {
    case 'generic':
      return { path, headers: { ...JSON_TYPE, 'X-Lantern-Signature': `sha256=${hmac('sha256', secret, body).digest('hex')}` } };
    case 'zendesk': {
      // Zendesk's timestamp is ISO 8601 to the second, and is signed in front of the body.
      const timestamp = new Date(signedAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
      return {
        path,
        headers: {
          ...JSON_TYPE,
          'User-Agent': 'Zendesk Webhook',
          'X-Zendesk-Webhook-Id': '01HQ3C8J6D3W5T3N9K6V2R7XQZ',
          'X-Zendesk-Webhook-Signature': hmac('sha256', secret, timestamp + body).digest('base64'),
          'X-Zendesk-Webhook-Signature-Timestamp': timestamp,
        },
      };
    }
    case 'freshdesk':
      // Freshdesk cannot sign: the secret is the URL's last segment.
      return { path: `${path}/${encodeURIComponent(secret)}`, headers: { ...JSON_TYPE } };
    case 'helpscout':
      return {
        path,
        headers: { ...JSON_TYPE, 'X-HelpScout-Event': event, 'X-HelpScout-Signature': hmac('sha1', secret, body).digest('base64') },
      };
    case 'intercom':
      return {
        path,
        headers: {
          ...JSON_TYPE,
          'User-Agent': 'intercom-parrot-service-client/1.0',
          'X-Hub-Signature': `sha1=${hmac('sha1', secret, body).digest('hex')}`,
        },
      };
    case 'chatwoot': {
      const timestamp = String(Math.floor(signedAt / 1000));
      return {
        path,
        headers: {
          ...JSON_TYPE,
          'X-Chatwoot-Delivery': randomUUID(),
          'X-Chatwoot-Signature': `sha256=${hmac('sha256', secret, `${timestamp}.${body}`).digest('hex')}`,
          'X-Chatwoot-Timestamp': timestamp,
        },
      };
    }
  }
}
