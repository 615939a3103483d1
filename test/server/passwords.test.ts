import { expect, test } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from '../../src/server/passwords.ts';

test('a password hash is salted scrypt, verifies the password and nothing else', async () => {
  const [a, b] = [await hashPassword('a long and unusual phrase'), await hashPassword('a long and unusual phrase')];
  expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
  expect(a).not.toBe(b);
  expect(await verifyPassword('a long and unusual phrase', a)).toBe(true);
  expect(await verifyPassword('a long and unusual phrasE', a)).toBe(false);
  expect(await verifyPassword('a long and unusual phrase', null)).toBe(false);
  expect(await verifyPassword('a long and unusual phrase', 'md5$abc')).toBe(false);
});

test('refuses short, common, guessable and email-based passwords, saying why', () => {
  const email = 'ana.lead@example.com';
  expect(passwordProblem('short one', email)).toMatch(/at least 12 characters/);
  expect(passwordProblem('password1234', email)).toMatch(/common passwords/);
  expect(passwordProblem('qwertyuiopasdfgh', email)).toMatch(/common passwords/);
  expect(passwordProblem('ana.lead@example.com!', email)).toMatch(/email address/);
  expect(passwordProblem('my name is ANA.LEAD ok', email)).toMatch(/email address/);
  expect(passwordProblem('iloveyou1234', email)).toMatch(/common passwords/);
  expect(passwordProblem('aaaaaaaaaaaaaaaa', email)).toMatch(/easy to guess/);
  expect(passwordProblem('x'.repeat(257), email)).toMatch(/at most 256/);
  expect(passwordProblem('lantern glows at 4 am', email)).toBeUndefined();
});
