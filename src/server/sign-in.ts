/**
 * Sign-in with an email and password, or with the admin token: limited per client address and per account, the same
 * answer whether or not the email belongs to someone, and every attempt in the audit log.
 */
import { SignInFormSchema } from '../schemas/team.ts';
import type { AdminAuth } from './admin-auth.ts';
import type { AuditLog } from './audit-log.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { Team } from './team.ts';
import type { SingleSignOn } from './single-sign-on.ts';
import type { Role } from '../domain/roles.ts';

export type SignInResult = { session: string } | { status: 400 | 401 | 403 | 429; error: string; retryAfter?: number };

interface Parts {
  auth: AdminAuth;
  team: Team;
  audit: AuditLog;
  loginLimiter: RateLimiter;
  accountLimiter: RateLimiter;
}

/** Where to go after signing in: back into the dashboard only, never an open redirect to another site. */
export const safeNext = (wanted: string | null): string =>
  wanted && /^\/reports(?:[/?]|$)/.test(wanted) && !wanted.startsWith('//') ? wanted : '/reports';

const WRONG = 'That email and password do not match an account.';

function limited(wait: number): SignInResult {
  return { status: 429, error: `Too many sign-in attempts. Try again in ${wait} seconds.`, retryAfter: wait };
}

export async function signInWithPassword(parts: Parts, form: FormData, address: string): Promise<SignInResult> {
  const parsed = SignInFormSchema.safeParse({ email: form.get('email') ?? '', password: form.get('password') ?? '' });
  if (!parsed.success) return { status: 400, error: 'Enter your email address and password.' };
  const { email, password } = parsed.data;
  const wait = Math.max(parts.loginLimiter.take(address), parts.accountLimiter.take(email));
  if (wait > 0) {
    await parts.audit.record(email, 'sign-in-failed', null, 'password: too many attempts');
    return limited(wait);
  }
  const person = await parts.team.checkPassword(email, password);
  if (!person) {
    await parts.audit.record(email, 'sign-in-failed', null, 'password');
    return { status: 401, error: WRONG };
  }
  await parts.audit.record(person.email, 'sign-in', null, 'password');
  return { session: await parts.team.startSession(person.id) };
}

export async function signInWithAdminToken(parts: Parts, form: FormData, address: string): Promise<SignInResult> {
  const wait = parts.loginLimiter.take(address);
  if (wait > 0) return limited(wait);
  const token = String(form.get('token') ?? '').trim();
  const session = token.length > 0 && token.length <= 512 ? await parts.auth.signIn(token) : undefined;
  if (!session) {
    await parts.audit.record('admin token', 'sign-in-failed', null, 'admin token');
    return { status: 401, error: 'That token is not the admin token.' };
  }
  await parts.audit.record('admin token', 'sign-in', null, 'admin token');
  return { session };
}

/** The way back from the identity provider: the person it names, signed in, or why not. */
export async function signInWithSso(
  parts: Parts,
  sso: SingleSignOn,
  defaultRole: Role,
  request: Request,
  origin: string,
): Promise<SignInResult & { next?: string }> {
  const outcome = await sso.finish(request, origin);
  if (!outcome.ok) {
    await parts.audit.record(outcome.email ?? 'unknown', 'sign-in-failed', null, `single sign-on: ${outcome.reason}`);
    return { status: 403, error: `Single sign-on did not sign you in: ${outcome.reason}.` };
  }
  const { person, created, roleWas } = await parts.team.ssoPerson(outcome.identity, defaultRole);
  if (created) await parts.audit.record('single sign-on', 'invite', person.email, person.role);
  if (roleWas) await parts.audit.record('single sign-on', 'role-change', person.email, `${roleWas} → ${person.role}`);
  await parts.audit.record(person.email, 'sign-in', null, 'single sign-on');
  return { session: await parts.team.startSession(person.id), next: outcome.next };
}

/** The one-time link printed at first start (for the admin token's first session). */
export async function signInWithLoginLink(parts: Parts, code: string): Promise<SignInResult> {
  const session = code.length <= 128 ? await parts.auth.redeemLogin(code) : undefined;
  if (!session) return { status: 401, error: 'This login link is invalid, expired or already used. Sign in with the admin token instead.' };
  await parts.audit.record('admin token', 'sign-in', null, 'one-time link');
  return { session };
}
