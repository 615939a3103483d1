import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { WebhookRequest } from '../../src/help-desks/help-desk.ts';
import { HELP_DESK_NAMES, HELP_DESKS, secretVariable, type HelpDeskName } from '../../src/help-desks/help-desks.ts';
import { helpscout } from '../../src/help-desks/helpscout.ts';
import { normalizeTags } from '../../src/help-desks/ticket-fields.ts';
import { PATH_SECRET_HEADER } from '../../src/help-desks/webhook-signature.ts';
import { signedRequest, type DeliveryOptions } from '../helpers/help-desk-requests.ts';

const SECRET = 'whsec_3f9a1c7e52d04b8aa61e';
const REF = '4k2m9x0p7q1z';
const CREATED_AT = Date.UTC(2026, 2, 4, 10, 15);
const NOW = CREATED_AT + 20_000;
const MINUTE = 60_000;

const fixtureText = (provider: HelpDeskName) => readFileSync(new URL(`../fixtures/help-desks/${provider}.json`, import.meta.url), 'utf8');
const fixture = (provider: HelpDeskName): Record<string, any> => JSON.parse(fixtureText(provider)); // eslint-disable-line @typescript-eslint/no-explicit-any

/** The request as the endpoint hands it to `verify`: for path adapters, with the URL's last segment in a header. */
function delivered(
  provider: HelpDeskName,
  body: string,
  { signWith = SECRET, now = NOW, ...options }: DeliveryOptions & { signWith?: string; now?: number } = {},
): WebhookRequest {
  const { headers, path } = signedRequest(provider, body, signWith, now, options);
  const received = new Headers(headers);
  if (HELP_DESKS[provider].auth === 'path') received.set(PATH_SECRET_HEADER, decodeURIComponent(path.split('/').at(-1)!));
  return { body, headers: received, secret: SECRET, now };
}

const parse = (provider: HelpDeskName, body: unknown) => HELP_DESKS[provider].parse(body, 'lantern_ref', new Headers());
const refOf = (provider: HelpDeskName, body: unknown) => {
  const parsed = parse(provider, body);
  if (parsed.kind !== 'ticket') throw new Error(`expected a ticket, got ${JSON.stringify(parsed)}`);
  return parsed.ticket.ref;
};

const IDS: Record<HelpDeskName, string> = {
  zendesk: '35436',
  freshdesk: '4711',
  helpscout: '2391938111',
  intercom: '147000213',
  chatwoot: '1287',
  generic: 'T-10482',
};

/** The headers each scheme cannot do without. */
const SIGNED_BY: Record<HelpDeskName, string[]> = {
  zendesk: ['x-zendesk-webhook-signature', 'x-zendesk-webhook-signature-timestamp'],
  freshdesk: [PATH_SECRET_HEADER],
  helpscout: ['x-helpscout-signature'],
  intercom: ['x-hub-signature'],
  chatwoot: ['x-chatwoot-signature', 'x-chatwoot-timestamp'],
  generic: ['x-lantern-signature'],
};

describe.each(HELP_DESK_NAMES)('%s', (provider) => {
  test('reads the signed fixture as exactly the ticket id, reference, creation time and tags', () => {
    const body = fixtureText(provider);
    expect(HELP_DESKS[provider].verify(delivered(provider, body))).toBe(true);
    const parsed = parse(provider, JSON.parse(body));
    expect(parsed).toStrictEqual({
      kind: 'ticket',
      ticket: { id: IDS[provider], ref: REF, createdAt: CREATED_AT, tags: ['billing', 'export'] },
    });
    expect(JSON.stringify(parsed)).not.toMatch(/@|Sofia|Rob|Dana|Priya|Marcus|Jonas|empty|Hello|Hi/);
  });

  test('refuses a delivery made with another secret, or without a header its scheme needs', () => {
    const body = fixtureText(provider);
    const desk = HELP_DESKS[provider];
    expect(desk.verify(delivered(provider, body))).toBe(true);
    expect(desk.verify(delivered(provider, body, { signWith: 'whsec_someone-else' }))).toBe(false);
    expect(desk.verify({ ...delivered(provider, body), secret: '' })).toBe(false);
    for (const name of SIGNED_BY[provider]) {
      const request = delivered(provider, body);
      request.headers.delete(name);
      expect(desk.verify(request), name).toBe(false);
    }
  });

  test('refuses a body changed by one byte, where the provider signs the body', () => {
    const body = fixtureText(provider);
    const request = { ...delivered(provider, body), body: body.replace('4k2m9x0p7q1z', '4k2m9x0p7q1y') };
    expect(HELP_DESKS[provider].verify(request)).toBe(HELP_DESKS[provider].auth === 'path');
  });
});

describe('timestamps', () => {
  test.each(['zendesk', 'chatwoot'] as const)(
    '%s refuses a signature over 5 minutes old or ahead, and takes one 4 minutes off',
    (provider) => {
      const body = fixtureText(provider);
      const verify = (signedAt: number) => HELP_DESKS[provider].verify(delivered(provider, body, { signedAt }));
      expect(verify(NOW - 6 * MINUTE)).toBe(false);
      expect(verify(NOW + 6 * MINUTE)).toBe(false);
      expect(verify(NOW - 4 * MINUTE)).toBe(true);
      expect(verify(NOW + 4 * MINUTE)).toBe(true);
    },
  );

  test('a Zendesk timestamp changed after signing breaks the signature', () => {
    const request = delivered('zendesk', fixtureText('zendesk'));
    request.headers.set('x-zendesk-webhook-signature-timestamp', new Date(NOW - MINUTE).toISOString());
    expect(HELP_DESKS.zendesk.verify(request)).toBe(false);
  });
});

describe('events that are not a new ticket', () => {
  test('Zendesk event-subscription webhooks are acknowledged and ignored: they carry no custom fields', () => {
    const event = { type: 'zen:event-type:ticket.created', account_id: 88888888, subject: 'zen:ticket:35436', detail: { id: '35436' } };
    expect(parse('zendesk', event)).toMatchObject({ kind: 'ignored' });
  });

  test('Help Scout events other than convo.created, and its test delivery, are ignored', () => {
    const body = fixture('helpscout');
    for (const event of ['convo.assigned', 'convo.customer.reply.created', 'helpscout.test']) {
      const request = delivered('helpscout', JSON.stringify(body), { event });
      expect(helpscout.verify(request)).toBe(true);
      expect(helpscout.parse(body, 'lantern_ref', request.headers)).toMatchObject({ kind: 'ignored' });
    }
    const created = delivered('helpscout', JSON.stringify(body));
    expect(helpscout.parse(body, 'lantern_ref', created.headers)).toMatchObject({ kind: 'ticket' });
  });

  test('Intercom topics other than conversation.user.created, ping included, are ignored', () => {
    const replied = { ...fixture('intercom'), topic: 'conversation.admin.replied' };
    const ping = { type: 'notification_event', topic: 'ping', data: { item: { type: 'ping', message: 'something something interzen' } } };
    expect(parse('intercom', replied)).toMatchObject({ kind: 'ignored' });
    expect(parse('intercom', ping)).toMatchObject({ kind: 'ignored' });
  });

  test('Chatwoot events other than conversation_created are ignored', () => {
    const message = { event: 'message_created', id: 40211, content: 'Hello', conversation: { display_id: 1287 } };
    expect(parse('chatwoot', message)).toMatchObject({ kind: 'ignored' });
    expect(parse('chatwoot', { ...fixture('chatwoot'), event: 'conversation_status_changed' })).toMatchObject({ kind: 'ignored' });
  });
});

describe('the reference', () => {
  test('a field holding something else than a reference reads as no reference', () => {
    const junk = 'see my last email';
    const zendesk = fixture('zendesk');
    const freshdesk = fixture('freshdesk');
    const helpScout = fixture('helpscout');
    const intercom = fixture('intercom');
    const chatwoot = fixture('chatwoot');
    expect(refOf('zendesk', { ticket: { ...zendesk.ticket, lantern_ref: junk } })).toBeNull();
    expect(refOf('zendesk', { ticket: { ...zendesk.ticket, lantern_ref: '' } })).toBeNull();
    expect(refOf('freshdesk', { freshdesk_webhook: { ...freshdesk.freshdesk_webhook, ticket_cf_lantern_ref: 42 } })).toBeNull();
    const otherFields = [{ id: 6688, name: 'lantern_ref', value: junk, text: junk }];
    expect(refOf('helpscout', { ...helpScout, customFields: otherFields })).toBeNull();
    intercom.data.item.custom_attributes = { lantern_ref: junk };
    expect(refOf('intercom', intercom)).toBeNull();
    expect(refOf('chatwoot', { ...chatwoot, custom_attributes: { lantern_ref: [REF] } })).toBeNull();
  });

  test('generic refuses a reference that is not one, and takes a missing one as none', () => {
    expect(parse('generic', { ...fixture('generic'), ref: 'ABC' })).toStrictEqual({
      kind: 'invalid',
      issues: [{ path: 'ref', message: 'must be a Lantern reference: 12 letters and digits' }],
    });
    expect(refOf('generic', { ...fixture('generic'), ref: null })).toBeNull();
    expect(refOf('generic', { id: 'T-1', created_at: '2026-03-04T10:15:00Z' })).toBeNull();
  });

  test('is forgiven case, spaces and dashes, as a reader copying it by hand writes it', () => {
    expect(refOf('zendesk', { ticket: { ...fixture('zendesk').ticket, lantern_ref: ' 4K2M-9X0P-7Q1Z ' } })).toBe(REF);
  });

  test('is found in a mailto subject when the field is empty', () => {
    const subject = 'Help (ref 4k2m9x0p7q1z)';
    expect(refOf('zendesk', { ticket: { ...fixture('zendesk').ticket, lantern_ref: '', subject } })).toBe(REF);
    const freshdesk = fixture('freshdesk').freshdesk_webhook;
    expect(refOf('freshdesk', { freshdesk_webhook: { ...freshdesk, ticket_cf_lantern_ref: null, ticket_subject: subject } })).toBe(REF);
    expect(refOf('helpscout', { ...fixture('helpscout'), customFields: [], subject })).toBe(REF);
    const chatwoot = fixture('chatwoot');
    expect(refOf('chatwoot', { ...chatwoot, custom_attributes: {}, additional_attributes: { mail_subject: subject } })).toBe(REF);
  });

  test('Intercom reads it from the URL of the page the Messenger conversation started on', () => {
    const intercom = fixture('intercom');
    intercom.data.item.custom_attributes = {};
    intercom.data.item.source.url = 'https://app.example.com/support?lantern_ref=4k2m9x0p7q1z&plan=pro';
    expect(refOf('intercom', intercom)).toBe(REF);
  });

  test('Chatwoot falls back on the contact attribute the widget set before the conversation began', () => {
    const chatwoot = fixture('chatwoot');
    chatwoot.custom_attributes = {};
    chatwoot.meta.sender.custom_attributes = { lantern_ref: REF };
    expect(refOf('chatwoot', chatwoot)).toBe(REF);
  });

  test('Help Scout matches the custom field by name whatever its case, and reads a custom param', () => {
    const body = { ...fixture('helpscout'), customFields: [{ id: 1, name: 'Lantern_Ref ', value: REF, text: REF }] };
    expect(refOf('helpscout', body)).toBe(REF);
    const named = { ...fixture('helpscout'), customFields: [{ id: 1, name: 'kb_ref', value: REF, text: REF }] };
    expect(HELP_DESKS.helpscout.parse(named, 'kb_ref', new Headers())).toMatchObject({ ticket: { ref: REF } });
  });
});

describe('fields', () => {
  test('tags are lower-cased, trimmed and kept once; at most 50, none longer than 100 characters', () => {
    expect(normalizeTags([' Billing ', 'billing', 'EXPORT', '', 'x'.repeat(101)])).toEqual(['billing', 'export']);
    expect(normalizeTags(Array.from({ length: 80 }, (_, i) => `t${i}`))).toHaveLength(50);
    const freshdesk = fixture('freshdesk').freshdesk_webhook;
    expect(parse('freshdesk', { freshdesk_webhook: { ...freshdesk, ticket_tags: 'Billing, Data export ,billing' } })).toMatchObject({
      ticket: { tags: ['billing', 'data export'] },
    });
  });

  test('generic takes a numeric id as text and missing tags as none', () => {
    expect(parse('generic', { id: 10482, ref: REF, created_at: '2026-03-04T11:15:00+01:00' })).toStrictEqual({
      kind: 'ticket',
      ticket: { id: '10482', ref: REF, createdAt: CREATED_AT, tags: [] },
    });
  });

  test('a Zendesk time to the second and a Freshdesk time with a numeric offset are read too', () => {
    const zendesk = { ticket: { ...fixture('zendesk').ticket, created_at: '2026-03-04T10:15:00Z' } };
    expect(parse('zendesk', zendesk)).toMatchObject({ ticket: { createdAt: CREATED_AT } });
    const freshdesk = { freshdesk_webhook: { ...fixture('freshdesk').freshdesk_webhook, ticket_created_on: '2026-03-04 15:45:00 +0530' } };
    expect(parse('freshdesk', freshdesk)).toMatchObject({ ticket: { createdAt: CREATED_AT } });
  });

  test('a time that names no instant, or has no UTC offset, is refused with its field named', () => {
    expect(parse('generic', { ...fixture('generic'), created_at: '2026-02-30T10:15:00Z' })).toMatchObject({
      kind: 'invalid',
      issues: [{ path: 'created_at' }],
    });
    const freshdesk = { freshdesk_webhook: { ...fixture('freshdesk').freshdesk_webhook, ticket_created_on: '2026-03-04 10:15:00' } };
    expect(parse('freshdesk', freshdesk)).toMatchObject({ kind: 'invalid', issues: [{ path: 'freshdesk_webhook.ticket_created_on' }] });
  });

  test('a body without the ticket id is refused with the path of the field', () => {
    const intercom = fixture('intercom');
    delete intercom.data.item.id;
    expect(parse('intercom', intercom)).toMatchObject({ kind: 'invalid', issues: [{ path: 'data.item.id' }] });
    expect(parse('chatwoot', { event: 'conversation_created' })).toMatchObject({ kind: 'invalid' });
    expect(parse('helpscout', 'not an object')).toMatchObject({ kind: 'invalid' });
  });
});

test('each help desk is listed under its own name, with its secret in KB_TICKETS_SECRET_<NAME>', () => {
  for (const name of HELP_DESK_NAMES) expect(HELP_DESKS[name].name).toBe(name);
  expect(secretVariable('helpscout')).toBe('KB_TICKETS_SECRET_HELPSCOUT');
  expect(HELP_DESK_NAMES.filter((name) => HELP_DESKS[name].auth === 'path')).toEqual(['freshdesk']);
});

test('a path-secret delivery puts the secret, URL-encoded, as the last segment of the webhook URL', () => {
  expect(signedRequest('freshdesk', '{}', 'a/b c', NOW).path).toBe('/api/tickets/freshdesk/a%2Fb%20c');
  expect(signedRequest('zendesk', '{}', SECRET, NOW).path).toBe('/api/tickets/zendesk');
});
