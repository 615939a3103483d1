import { expect, test } from 'vitest';
import { parseEnv } from '../../src/schemas/env.ts';

test('single sign-on settings: domains lower-cased, the role map read as value=role pairs, viewer by default', () => {
  const env = parseEnv({
    KB_OIDC_ISSUER: 'https://id.example.com/',
    KB_OIDC_CLIENT_ID: 'lantern',
    KB_OIDC_ALLOWED_DOMAINS: ' Example.com, @support.example.com ,',
    KB_OIDC_ROLE_MAP: 'kb-admins=admin, role=lead=editor',
  });
  expect(env.KB_OIDC_ALLOWED_DOMAINS).toEqual(['example.com', 'support.example.com']);
  expect(env.KB_OIDC_ROLE_MAP).toEqual([
    { value: 'kb-admins', role: 'admin' },
    { value: 'role=lead', role: 'editor' },
  ]);
  expect(env.KB_OIDC_DEFAULT_ROLE).toBe('viewer');
});

test('a role map naming an unknown role, or an issuer without a client id, stops the start with the variable named', () => {
  expect(() => parseEnv({ KB_OIDC_ROLE_MAP: 'kb-admins=owner' })).toThrow(
    /KB_OIDC_ROLE_MAP.0.role="kb-admins=owner": roles are viewer, editor, admin/,
  );
  expect(() => parseEnv({ KB_OIDC_ISSUER: 'https://id.example.com/' })).toThrow(/KB_OIDC_CLIENT_ID: must be set with KB_OIDC_ISSUER/);
});
