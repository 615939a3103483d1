/** Checking a help desk's signature: the HMAC it documents, compared in constant time, with its timestamp fresh. */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a signed timestamp may be from our clock, either way, before the delivery counts as a replay. */
export const SIGNATURE_TOLERANCE_MS = 5 * 60_000;

/**
 * For help desks that cannot sign (auth: 'path'), the endpoint hands the URL's last segment to `verify` in this
 * header, so every adapter keeps the one `verify(request)` shape.
 */
export const PATH_SECRET_HEADER = 'x-lantern-path-secret';

export interface Hmac {
  algorithm: 'sha1' | 'sha256';
  encoding: 'hex' | 'base64';
  /** What the header puts before the digest, e.g. `sha256=`. */
  prefix?: string;
}

/**
 * True when `received` is the HMAC of `message` under `secret`. No secret or no header is never a match: an empty
 * secret would let anyone sign.
 */
export function hmacMatches(secret: string, received: string | null, message: string, { algorithm, encoding, prefix = '' }: Hmac): boolean {
  if (!secret || !received) return false;
  const expected = prefix + createHmac(algorithm, secret).update(message, 'utf8').digest(encoding);
  return sameSecret(received, expected);
}

/** Constant-time equality of two secrets; texts of different lengths differ without comparing a byte. */
export function sameSecret(received: string | null, expected: string): boolean {
  if (!received || !expected) return false;
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** True when a signed timestamp (epoch ms) is within the tolerance of now, in the past or the future. */
export function isFresh(signedAt: number, now: number): boolean {
  return Number.isFinite(signedAt) && Math.abs(now - signedAt) <= SIGNATURE_TOLERANCE_MS;
}
