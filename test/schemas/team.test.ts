import { expect, test } from 'vitest';
import { SetPasswordFormSchema, TeamActionSchema } from '../../src/schemas/team.ts';

test('an invitation takes a trimmed, lower-cased email, a known role, and an empty name as none', () => {
  expect(TeamActionSchema.parse({ action: 'invite', email: ' Ana@Example.COM ', name: '', role: 'editor', _csrf: 'x' })).toEqual({
    action: 'invite',
    email: 'ana@example.com',
    role: 'editor',
  });
  const bad = TeamActionSchema.safeParse({ action: 'invite', email: 'not an address', role: 'owner' });
  expect(bad.success).toBe(false);
  expect(bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
    'email: must be an email address',
    'role: must be one of viewer, editor, admin',
  ]);
});

test('a role change names a person by id, and a new password must be typed the same twice', () => {
  expect(TeamActionSchema.parse({ action: 'role', person: '7', role: 'admin' })).toEqual({ action: 'role', person: 7, role: 'admin' });
  expect(TeamActionSchema.safeParse({ action: 'remove', person: '-1' }).success).toBe(false);
  expect(SetPasswordFormSchema.safeParse({ password: 'one long passphrase', confirm: 'one long passphrase' }).success).toBe(true);
  expect(SetPasswordFormSchema.safeParse({ password: 'one long passphrase', confirm: 'another' }).error!.issues[0]).toMatchObject({
    path: ['confirm'],
    message: 'the two passwords differ',
  });
});
