/**
 * The team's people and their credentials: invitations and password links, password sign-in, dashboard sessions and
 * personal API tokens. Secrets are random, shown once, and stored only as sha256 hashes.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Role } from '../domain/roles.ts';
import { hashToken, newToken } from './admin-auth.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export const PERSON_SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const PASSWORD_LINK_TTL_MS = 72 * 60 * 60 * 1000;
/** A token's last use is written at most this often: not on every request of a busy script. */
const LAST_USED_STEP_MS = 60_000;

export interface Person {
  id: number;
  email: string;
  name: string;
  role: Role;
}
export interface TeamMember extends Person {
  createdAt: number;
  lastSignInAt: number | null;
  /** Invited, and no password set yet (nor a single sign-on). */
  pending: boolean;
}
export interface PersonalToken {
  id: number;
  label: string;
  createdAt: number;
  lastUsedAt: number | null;
}

export class PersonExistsError extends Error {}

const PERSON = ['people.id', 'people.email', 'people.name', 'people.role'] as const;

export class Team {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async byId(id: number): Promise<Person | undefined> {
    return this.db.selectFrom('people').select(PERSON).where('id', '=', id).executeTakeFirst();
  }

  async byEmail(email: string): Promise<Person | undefined> {
    return this.db.selectFrom('people').select(PERSON).where('email', '=', email.toLowerCase()).executeTakeFirst();
  }

  async list(): Promise<TeamMember[]> {
    const rows = await this.db
      .selectFrom('people')
      .select([...PERSON, 'created_at', 'last_sign_in_at', 'password_hash', 'sso_subject'])
      .orderBy('email')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      email: r.email,
      name: r.name,
      role: r.role,
      createdAt: Number(r.created_at),
      lastSignInAt: r.last_sign_in_at === null ? null : Number(r.last_sign_in_at),
      pending: r.password_hash === null && r.sso_subject === null,
    }));
  }

  /** Adds a person without a password; their link sets it. */
  async add(invite: { email: string; name?: string; role: Role }, now = Date.now()): Promise<Person> {
    const email = invite.email.toLowerCase();
    if (await this.byEmail(email)) throw new PersonExistsError(`${email} is already on the team`);
    const name = invite.name ?? email.split('@')[0]!;
    const { id } = await this.db
      .insertInto('people')
      .values({ email, name, role: invite.role, password_hash: null, sso_subject: null, created_at: now, last_sign_in_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id, email, name, role: invite.role };
  }

  /**
   * The person single sign-on names: by the provider's subject, else by email (the subject then linked), else a new
   * person with `role`. A mapped role replaces the person's own; `roleWas` says what it replaced.
   */
  async ssoPerson(
    identity: { subject: string; email: string; name: string | undefined; mappedRole: Role | undefined },
    defaultRole: Role,
    now = Date.now(),
  ): Promise<{ person: Person; created: boolean; roleWas?: Role }> {
    const found =
      (await this.db.selectFrom('people').select(PERSON).where('sso_subject', '=', identity.subject).executeTakeFirst()) ??
      (await this.byEmail(identity.email));
    if (!found) {
      const role = identity.mappedRole ?? defaultRole;
      const { id } = await this.db
        .insertInto('people')
        .values({
          email: identity.email,
          name: identity.name ?? identity.email.split('@')[0]!,
          role,
          password_hash: null,
          sso_subject: identity.subject,
          created_at: now,
          last_sign_in_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { person: { id, email: identity.email, name: identity.name ?? identity.email.split('@')[0]!, role }, created: true };
    }
    await this.db.updateTable('people').set({ sso_subject: identity.subject }).where('id', '=', found.id).execute();
    if (identity.mappedRole === undefined || identity.mappedRole === found.role) return { person: found, created: false };
    await this.changeRole(found.id, identity.mappedRole);
    return { person: { ...found, role: identity.mappedRole }, created: false, roleWas: found.role };
  }

  /** A one-time link code to set a password, valid 72 hours; earlier links of the person stop working. */
  async passwordLink(personId: number, now = Date.now()): Promise<string> {
    await this.db.deleteFrom('person_credentials').where('person_id', '=', personId).where('kind', '=', 'link').execute();
    return this.issue(personId, 'link', PASSWORD_LINK_TTL_MS, null, now);
  }

  /** The person a live link belongs to (the link stays usable until a password is set with it). */
  async linkHolder(code: string, now = Date.now()): Promise<Person | undefined> {
    return this.holder(code, 'link', now);
  }

  /** Sets the password of the link's holder and uses the link up; their other sessions end. */
  async setPassword(code: string, password: string, now = Date.now()): Promise<Person | undefined> {
    const person = await this.linkHolder(code, now);
    if (!person) return undefined;
    const hash = await hashPassword(password);
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('people').set({ password_hash: hash }).where('id', '=', person.id).execute();
      await trx.deleteFrom('person_credentials').where('person_id', '=', person.id).where('kind', 'in', ['link', 'session']).execute();
    });
    return person;
  }

  /** The person whose email and password these are; the same time taken for an unknown email. */
  async checkPassword(email: string, password: string): Promise<Person | undefined> {
    const row = await this.db
      .selectFrom('people')
      .select([...PERSON, 'password_hash'])
      .where('email', '=', email.toLowerCase())
      .executeTakeFirst();
    const ok = await verifyPassword(password, row?.password_hash);
    return ok && row ? { id: row.id, email: row.email, name: row.name, role: row.role } : undefined;
  }

  /** A new dashboard session (a new id at every sign-in). */
  async startSession(personId: number, now = Date.now()): Promise<string> {
    await this.db.updateTable('people').set({ last_sign_in_at: now }).where('id', '=', personId).execute();
    // Expired sessions and links would otherwise pile up.
    await this.db.deleteFrom('person_credentials').where('expires_at', '<=', now).execute();
    return this.issue(personId, 'session', PERSON_SESSION_TTL_MS, null, now);
  }

  async sessionHolder(token: string, now = Date.now()): Promise<Person | undefined> {
    return this.holder(token, 'session', now);
  }

  async endSession(token: string): Promise<void> {
    await this.db.deleteFrom('person_credentials').where('kind', '=', 'session').where('hash', '=', hashToken(token)).execute();
  }

  async endAllSessions(personId: number): Promise<void> {
    await this.db.deleteFrom('person_credentials').where('person_id', '=', personId).where('kind', '=', 'session').execute();
  }

  async wantsDigest(personId: number): Promise<boolean> {
    const row = await this.db.selectFrom('people').select('digest').where('id', '=', personId).executeTakeFirst();
    return Number(row?.digest ?? 0) === 1;
  }

  async setDigest(personId: number, on: boolean): Promise<void> {
    await this.db
      .updateTable('people')
      .set({ digest: on ? 1 : 0 })
      .where('id', '=', personId)
      .execute();
  }

  /** A new role takes effect at once: the person's sessions end, and they sign in again under it. */
  async changeRole(personId: number, role: Role): Promise<void> {
    await this.db.updateTable('people').set({ role }).where('id', '=', personId).execute();
    await this.endAllSessions(personId);
  }

  /** Removes the person with every session, link and token of theirs. */
  async remove(personId: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('person_credentials').where('person_id', '=', personId).execute();
      await trx.deleteFrom('people').where('id', '=', personId).execute();
    });
  }

  async createToken(personId: number, label: string, now = Date.now()): Promise<string> {
    return this.issue(personId, 'token', null, label, now);
  }

  async tokens(personId: number): Promise<PersonalToken[]> {
    const rows = await this.db
      .selectFrom('person_credentials')
      .select(['id', 'label', 'created_at', 'last_used_at'])
      .where('person_id', '=', personId)
      .where('kind', '=', 'token')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      label: r.label ?? '',
      createdAt: Number(r.created_at),
      lastUsedAt: r.last_used_at === null ? null : Number(r.last_used_at),
    }));
  }

  /** Revokes one of the person's own tokens; the label of the one revoked, if it was theirs. */
  async revokeToken(personId: number, tokenId: number): Promise<string | undefined> {
    const row = await this.db
      .deleteFrom('person_credentials')
      .where('id', '=', tokenId)
      .where('person_id', '=', personId)
      .where('kind', '=', 'token')
      .returning('label')
      .executeTakeFirst();
    return row ? (row.label ?? '') : undefined;
  }

  /** The owner of a personal API token, noting when it was used. */
  async tokenHolder(token: string, now = Date.now()): Promise<Person | undefined> {
    const row = await this.db
      .selectFrom('person_credentials')
      .innerJoin('people', 'people.id', 'person_credentials.person_id')
      .select([...PERSON, 'person_credentials.id as credential', 'person_credentials.last_used_at'])
      .where('person_credentials.kind', '=', 'token')
      .where('person_credentials.hash', '=', hashToken(token))
      .executeTakeFirst();
    if (!row) return undefined;
    if (row.last_used_at === null || now - Number(row.last_used_at) >= LAST_USED_STEP_MS)
      await this.db.updateTable('person_credentials').set({ last_used_at: now }).where('id', '=', row.credential).execute();
    return { id: row.id, email: row.email, name: row.name, role: row.role };
  }

  private async issue(personId: number, kind: 'session' | 'link' | 'token', ttlMs: number | null, label: string | null, now: number) {
    const secret = newToken();
    await this.db
      .insertInto('person_credentials')
      .values({
        person_id: personId,
        kind,
        hash: hashToken(secret),
        label,
        created_at: now,
        expires_at: ttlMs === null ? null : now + ttlMs,
        last_used_at: null,
      })
      .execute();
    return secret;
  }

  // Looked up by the secret's hash: a unique index finds it, and the secret itself is never compared or stored.
  private async holder(secret: string, kind: 'session' | 'link', now: number): Promise<Person | undefined> {
    return this.db
      .selectFrom('person_credentials')
      .innerJoin('people', 'people.id', 'person_credentials.person_id')
      .select(PERSON)
      .where('person_credentials.kind', '=', kind)
      .where('person_credentials.hash', '=', hashToken(secret))
      .where('person_credentials.expires_at', '>', now)
      .executeTakeFirst();
  }
}
