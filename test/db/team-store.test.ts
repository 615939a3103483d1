import { afterEach, beforeEach, expect, test } from 'vitest';
import type { EventStore } from '../../db/client.ts';
import { DAY_MS } from '../../src/domain/utc-day.ts';
import { AuditLog } from '../../src/server/audit-log.ts';
import { PASSWORD_LINK_TTL_MS, PERSON_SESSION_TTL_MS, PersonExistsError, Team } from '../../src/server/team.ts';
import { freshTestStore } from '../helpers/test-store.ts';

let store: EventStore;
let team: Team;
beforeEach(async () => {
  store = await freshTestStore();
  team = new Team(store.db);
});
afterEach(() => store.close());

const PASSWORD = 'correct horse battery staple';

test('an invited person sets a password with their link, once, and signs in with it', async () => {
  const ana = await team.add({ email: 'Ana@Example.com', role: 'viewer' });
  expect(ana).toMatchObject({ email: 'ana@example.com', name: 'ana', role: 'viewer' });
  await expect(team.add({ email: 'ana@example.com', role: 'admin' })).rejects.toThrow(PersonExistsError);
  expect(await team.list()).toMatchObject([{ email: 'ana@example.com', pending: true, lastSignInAt: null }]);

  const first = await team.passwordLink(ana.id);
  const link = await team.passwordLink(ana.id);
  expect(await team.linkHolder(first)).toBeUndefined();
  expect(await team.checkPassword('ana@example.com', PASSWORD)).toBeUndefined();
  expect(await team.setPassword(link, PASSWORD)).toMatchObject({ id: ana.id });
  expect(await team.setPassword(link, 'another password entirely')).toBeUndefined();

  expect(await team.checkPassword('ANA@example.com', PASSWORD)).toMatchObject({ id: ana.id, role: 'viewer' });
  expect(await team.checkPassword('ana@example.com', `${PASSWORD}!`)).toBeUndefined();
  expect(await team.checkPassword('nobody@example.com', PASSWORD)).toBeUndefined();
  const session = await team.startSession(ana.id, 1_000);
  expect(await team.sessionHolder(session, 1_001)).toMatchObject({ email: 'ana@example.com' });
  expect(await team.sessionHolder(session, 1_000 + PERSON_SESSION_TTL_MS)).toBeUndefined();
  expect(await team.list()).toMatchObject([{ pending: false, lastSignInAt: 1_000 }]);
});

test('a password link expires after 72 hours', async () => {
  const bo = await team.add({ email: 'bo@example.com', role: 'editor' });
  const link = await team.passwordLink(bo.id, 5_000);
  expect(await team.linkHolder(link, 5_000 + PASSWORD_LINK_TTL_MS - 1)).toMatchObject({ id: bo.id });
  expect(await team.linkHolder(link, 5_000 + PASSWORD_LINK_TTL_MS)).toBeUndefined();
});

test('a new role ends the person’s sessions, and removing them ends their sessions and tokens', async () => {
  const cy = await team.add({ email: 'cy@example.com', name: 'Cy', role: 'viewer' });
  const [one, two] = [await team.startSession(cy.id), await team.startSession(cy.id)];
  expect(one).not.toBe(two);
  const token = await team.createToken(cy.id, 'weekly export');
  await team.changeRole(cy.id, 'editor');
  expect(await team.sessionHolder(one)).toBeUndefined();
  expect(await team.sessionHolder(two)).toBeUndefined();
  expect(await team.tokenHolder(token)).toMatchObject({ role: 'editor' });

  const three = await team.startSession(cy.id);
  await team.remove(cy.id);
  expect(await team.sessionHolder(three)).toBeUndefined();
  expect(await team.tokenHolder(token)).toBeUndefined();
  expect(await team.list()).toEqual([]);
});

test('personal tokens are stored as hashes, note their last use, and are revoked only by their owner', async () => {
  const dee = await team.add({ email: 'dee@example.com', role: 'viewer' });
  const eve = await team.add({ email: 'eve@example.com', role: 'admin' });
  const token = await team.createToken(dee.id, 'dashboard sync', 10_000);
  const stored = await store.db.selectFrom('person_credentials').select('hash').where('kind', '=', 'token').execute();
  expect(stored).toHaveLength(1);
  expect(stored[0]!.hash).not.toContain(token);

  expect(await team.tokens(dee.id)).toEqual([{ id: expect.any(Number), label: 'dashboard sync', createdAt: 10_000, lastUsedAt: null }]);
  await team.tokenHolder(token, 20_000);
  await team.tokenHolder(token, 30_000); // within a minute of the last: not written again
  expect((await team.tokens(dee.id))[0]!.lastUsedAt).toBe(20_000);

  const [{ id }] = await team.tokens(dee.id);
  expect(await team.revokeToken(eve.id, id!)).toBeUndefined();
  expect(await team.tokenHolder(token)).toMatchObject({ id: dee.id });
  expect(await team.revokeToken(dee.id, id!)).toBe('dashboard sync');
  expect(await team.tokenHolder(token)).toBeUndefined();
});

test('the audit log lists newest first, from a day on, and forgets entries past its retention', async () => {
  const audit = new AuditLog(store.db);
  const now = 400 * DAY_MS;
  await audit.record('ana@example.com', 'invite', 'bo@example.com', 'viewer', now - 401 * DAY_MS + 1);
  await audit.record('ana@example.com', 'role-change', 'bo@example.com', 'viewer → editor', now - 2 * DAY_MS);
  await audit.record('bo@example.com', 'export', 'lantern-overview.csv', null, now - DAY_MS);
  expect((await audit.list({ since: now - 3 * DAY_MS })).map((e) => e.action)).toEqual(['export', 'role-change']);
  await audit.prune(400, now);
  expect(await audit.list()).toEqual([
    { at: now - DAY_MS, actor: 'bo@example.com', action: 'export', target: 'lantern-overview.csv', detail: null },
    { at: now - 2 * DAY_MS, actor: 'ana@example.com', action: 'role-change', target: 'bo@example.com', detail: 'viewer → editor' },
  ]);
});
