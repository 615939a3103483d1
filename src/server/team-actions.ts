/**
 * What the team page, the account page and the password link do, validated and recorded in the audit log; the pages
 * only show the result. The last admin can be neither demoted nor removed: someone must be able to manage the team.
 */
import { AccountActionSchema, SetPasswordFormSchema, TeamActionSchema } from '../schemas/team.ts';
import type { Actor } from './access.ts';
import type { AuditLog } from './audit-log.ts';
import { passwordProblem } from './passwords.ts';
import { PersonExistsError, type Person, type Team } from './team.ts';

export interface ActionResult {
  ok: boolean;
  message: string;
  /** A secret shown once: a password link or a new API token. */
  secret?: string;
}

interface Parts {
  team: Team;
  audit: AuditLog;
}

const firstIssue = (error: { issues: { path: PropertyKey[]; message: string }[] }) => {
  const issue = error.issues[0]!;
  return `${issue.path.join('.') || 'form'} ${issue.message}`;
};

export const passwordLinkUrl = (origin: string, code: string): string => `${origin}/reports/welcome?code=${code}`;

async function isLastAdmin(team: Team, person: Person): Promise<boolean> {
  return person.role === 'admin' && (await team.list()).filter((p) => p.role === 'admin').length === 1;
}

/** An admin's action on the team; `by` names them in the audit log. */
export async function teamAction({ team, audit }: Parts, by: string, form: FormData, origin: string): Promise<ActionResult> {
  const parsed = TeamActionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: firstIssue(parsed.error) };
  const action = parsed.data;
  if (action.action === 'invite') {
    try {
      const person = await team.add(action);
      await audit.record(by, 'invite', person.email, action.role);
      const link = passwordLinkUrl(origin, await team.passwordLink(person.id));
      return {
        ok: true,
        message: `Invited ${person.email} as ${person.role}. Send them this link (valid 72 hours, shown once):`,
        secret: link,
      };
    } catch (error) {
      if (error instanceof PersonExistsError) return { ok: false, message: error.message };
      throw error;
    }
  }
  const person = await team.byId(action.person);
  if (!person) return { ok: false, message: 'That person is no longer on the team.' };
  if (action.action === 'role') {
    if (action.role === person.role) return { ok: true, message: `${person.email} is already ${person.role}.` };
    if (await isLastAdmin(team, person)) return { ok: false, message: `${person.email} is the last admin: make someone else admin first.` };
    await team.changeRole(person.id, action.role);
    await audit.record(by, 'role-change', person.email, `${person.role} → ${action.role}`);
    return { ok: true, message: `${person.email} is now ${action.role}; their sessions ended, and they sign in again.` };
  }
  if (action.action === 'reset') {
    const link = passwordLinkUrl(origin, await team.passwordLink(person.id));
    await audit.record(by, 'password-link', person.email);
    return { ok: true, message: `A new password link for ${person.email} (valid 72 hours, shown once):`, secret: link };
  }
  if (await isLastAdmin(team, person)) return { ok: false, message: `${person.email} is the last admin: make someone else admin first.` };
  await team.remove(person.id);
  await audit.record(by, 'remove', person.email);
  return { ok: true, message: `Removed ${person.email}: their sessions ended and their tokens stopped working.` };
}

export async function accountAction({ team, audit }: Parts, actor: Actor, form: FormData): Promise<ActionResult> {
  if (actor.kind !== 'person') return { ok: false, message: 'The admin token has no account: invite yourself from the Team page.' };
  const parsed = AccountActionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: firstIssue(parsed.error) };
  const action = parsed.data;
  const { person } = actor;
  if (action.action === 'create-token') {
    const token = await team.createToken(person.id, action.label);
    await audit.record(person.email, 'token-create', action.label);
    return { ok: true, message: `Token “${action.label}” created. Copy it now: it is shown only once.`, secret: token };
  }
  if (action.action === 'revoke-token') {
    const label = await team.revokeToken(person.id, action.token);
    if (label === undefined) return { ok: false, message: 'That token is not one of yours, or is already revoked.' };
    await audit.record(person.email, 'token-revoke', label);
    return { ok: true, message: `Token “${label}” revoked.` };
  }
  if (action.action === 'digest') {
    await team.setDigest(person.id, action.digest === 'on');
    await audit.record(person.email, 'settings-change', 'weekly digest', action.digest);
    return { ok: true, message: `Your weekly digest is ${action.digest}.` };
  }
  await team.endAllSessions(person.id);
  await audit.record(person.email, 'sign-out-everywhere');
  return { ok: true, message: 'Signed out everywhere.' };
}

/** Sets the password of a link's holder: the result, and the person when it worked. */
export async function setPasswordFromLink(
  { team, audit }: Parts,
  code: string,
  form: FormData,
): Promise<{ result: ActionResult; person?: Person }> {
  const holder = await team.linkHolder(code);
  if (!holder) return { result: { ok: false, message: 'This link is invalid, expired or already used. Ask an admin for a new one.' } };
  const parsed = SetPasswordFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { result: { ok: false, message: firstIssue(parsed.error) } };
  const problem = passwordProblem(parsed.data.password, holder.email);
  if (problem) return { result: { ok: false, message: problem } };
  const person = await team.setPassword(code, parsed.data.password);
  if (!person) return { result: { ok: false, message: 'This link was used meanwhile. Ask an admin for a new one.' } };
  await audit.record(person.email, 'password-set');
  return { result: { ok: true, message: 'Password set.' }, person };
}
