/**
 * Passwords: hashed with scrypt (memory-hard, in node:crypto); a new one must be long enough, not the person's address,
 * and hard to guess: zxcvbn scores it against lists of common passwords (with digits added, keyboard runs, years).
 * Verification takes the same time whether or not the person exists.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;
// N = 2^15 with r = 8 takes 32 MiB per hash: OWASP's floor for scrypt.
const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

const derive = (password: string, salt: Buffer, options: ScryptOptions & { N: number; r: number; p: number }) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...options, maxmem: 128 * options.N * options.r * 2 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

// Compared against when the person does not exist, so a wrong address costs the same time as a wrong password.
const decoy = hashPassword(randomBytes(24).toString('base64url'));

export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = (stored ?? (await decoy)).split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected) && stored !== undefined && stored !== null;
}

/** zxcvbn's score (0–4) a password needs: 3 is "safely unguessable" against an offline attack on a slow hash. */
const MIN_SCORE = 3;
let scorer: ZxcvbnFactory | undefined;

/** What is wrong with a new password, in words for the form; undefined when it will do. */
export function passwordProblem(password: string, email: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  const lower = password.toLowerCase();
  const address = email.toLowerCase();
  const local = address.split('@')[0] ?? '';
  if (lower.includes(address) || (local.length >= 4 && lower.includes(local))) return 'Do not use your email address in the password.';
  scorer ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  const { score, feedback } = scorer.check(password, [address, local]);
  if (score >= MIN_SCORE) return undefined;
  return feedback.warning === 'similarToCommon' ||
    feedback.warning === 'commonPasswords' ||
    feedback.warning === 'topHundred' ||
    feedback.warning === 'topTen'
    ? 'This password is on a list of common passwords, or close to one: choose another.'
    : 'This password is easy to guess (a pattern, a repeated or common word): add words or make it longer.';
}
