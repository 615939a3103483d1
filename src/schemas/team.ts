/** The team's forms and commands: sign-in, invitations, roles, passwords, tokens; every field bounded. */
import { z } from 'zod';
import { ROLES } from '../domain/roles.ts';

export const EmailSchema = z
  .string()
  .trim()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email('must be an email address'))
  .transform((e) => e.toLowerCase());
export const RoleSchema = z.enum(ROLES, `must be one of ${ROLES.join(', ')}`);
const name = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
/** A form's optional text field: left empty, it is absent. */
const optionalName = z.preprocess((v) => (v === '' ? undefined : v), name.optional());
const secret = z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters');

export const SignInFormSchema = z.object({ email: EmailSchema, password: secret });
export type SignInForm = z.infer<typeof SignInFormSchema>;

export const InviteSchema = z.object({ email: EmailSchema, name: optionalName, role: RoleSchema });
export type Invite = z.infer<typeof InviteSchema>;

/** A new password typed twice (the policy itself is checked by passwords.ts, which knows the person's address). */
export const SetPasswordFormSchema = z
  .object({ password: z.string().max(256, 'must be at most 256 characters'), confirm: z.string().max(256) })
  .refine((f) => f.password === f.confirm, { message: 'the two passwords differ', path: ['confirm'] });

/** What an admin does on the team page, one form per action. */
export const TeamActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('invite'), email: EmailSchema, name: optionalName, role: RoleSchema }),
  z.object({ action: z.literal('role'), person: z.coerce.number().int().positive(), role: RoleSchema }),
  z.object({ action: z.literal('reset'), person: z.coerce.number().int().positive() }),
  z.object({ action: z.literal('remove'), person: z.coerce.number().int().positive() }),
]);
export type TeamAction = z.infer<typeof TeamActionSchema>;

/** What a person does on their account page. */
export const AccountActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('create-token'), label: name }),
  z.object({ action: z.literal('revoke-token'), token: z.coerce.number().int().positive() }),
  z.object({ action: z.literal('sign-out-everywhere') }),
  z.object({ action: z.literal('digest'), digest: z.enum(['on', 'off']) }),
]);
export type AccountAction = z.infer<typeof AccountActionSchema>;
