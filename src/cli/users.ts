/**
 * `npm run users -- invite <email> --role viewer|editor|admin [--name <name>]`, `list`, `audit [--since YYYY-MM-DD]`,
 * `role <email> <role>`, `reset <email>`, `remove <email>`: the team from the terminal, recorded in the audit log as
 * done from the command line.
 */
import { migrateToLatest } from '../../db/migrate.ts';
import { ROLES } from '../domain/roles.ts';
import { utcMinute } from '../domain/utc-day.ts';
import { EmailSchema, InviteSchema, RoleSchema } from '../schemas/team.ts';
import { AuditLog } from '../server/audit-log.ts';
import { openConfiguredStore } from '../server/open-store.ts';
import { configuredOrigin } from '../server/public-origin.ts';
import { teamAction } from '../server/team-actions.ts';
import { Team } from '../server/team.ts';
import { argsOrExit, envOrExit, fail } from './cli-exit.ts';
import { textTable } from './text-table.ts';
import { column, type Table } from '../analytics/report-table.ts';

const USAGE = `Usage: npm run users -- <command>

Commands:
  invite <email> --role ${ROLES.join('|')} [--name <name>]   add a person; prints their one-time link (72 hours)
  list                                                   the team
  audit [--since YYYY-MM-DD]                             the audit log, oldest first
  role <email> <role>                                    change a person's role (their sessions end)
  reset <email>                                          a new one-time link to set a password
  remove <email>                                         remove a person, their sessions and tokens
`;

// Whoever runs the command can read the database anyway: it acts with an admin's rights.
const COMMAND_LINE = 'command line';

const { values, positionals } = argsOrExit(
  {
    allowPositionals: true,
    options: { role: { type: 'string' }, name: { type: 'string' }, since: { type: 'string' }, help: { type: 'boolean' } },
  },
  USAGE,
);
const [command, ...rest] = positionals;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!command) fail(USAGE);

const env = envOrExit();
const store = openConfiguredStore(env);
/** A table of text cells for the terminal. */
const texts = (name: string, keys: string[], rows: string[][]): Table => ({
  name,
  columns: keys.map((key) => column(key)),
  rows: rows.map((cells) => Object.fromEntries(keys.map((k, i) => [k, cells[i]!]))),
});
const origin = configuredOrigin(env);
try {
  await migrateToLatest(store.db);
  const team = new Team(store.db);
  const audit = new AuditLog(store.db);
  const parts = { team, audit };
  const person = async (email: string | undefined) => {
    const parsed = EmailSchema.safeParse(email ?? '');
    if (!parsed.success) fail(`Give the person's email address.\n\n${USAGE}`);
    const found = await team.byEmail(parsed.data);
    return found ?? fail(`${parsed.data} is not on the team (npm run users -- list).`);
  };
  const act = async (fields: Record<string, string>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    const result = await teamAction(parts, COMMAND_LINE, form, origin);
    if (!result.ok) fail(result.message);
    console.log(result.message);
    if (result.secret) console.log(`  ${result.secret}`);
  };
  if (command === 'invite') {
    const parsed = InviteSchema.safeParse({ email: rest[0] ?? '', role: values.role, name: values.name });
    if (!parsed.success) fail(`${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')}\n\n${USAGE}`);
    await act({
      action: 'invite',
      email: parsed.data.email,
      role: parsed.data.role,
      ...(parsed.data.name ? { name: parsed.data.name } : {}),
    });
  } else if (command === 'list') {
    const people = await team.list();
    if (people.length === 0) console.log('Nobody is on the team yet: npm run users -- invite <email> --role admin');
    else
      console.log(
        textTable(
          texts(
            'team',
            ['email', 'name', 'role', 'last_sign_in_utc'],
            people.map((p) => [p.email, p.name, p.role, p.pending ? 'invited, no password yet' : utcMinute(p.lastSignInAt)]),
          ),
        ),
      );
  } else if (command === 'audit') {
    const since = values.since === undefined ? 0 : Date.parse(`${values.since}T00:00:00Z`);
    if (Number.isNaN(since)) fail(`--since must be a date like 2026-11-01.\n\n${USAGE}`);
    const entries = (await audit.list({ since })).reverse();
    if (entries.length === 0) console.log('The audit log has no entries in that time.');
    else
      console.log(
        textTable(
          texts(
            'audit log',
            ['when_utc', 'who', 'what', 'whom_or_which', 'detail'],
            entries.map((e) => [utcMinute(e.at), e.actor, e.action, e.target ?? '', e.detail ?? '']),
          ),
        ),
      );
  } else if (command === 'role') {
    const role = RoleSchema.safeParse(rest[1]);
    if (!role.success) fail(`The role must be one of ${ROLES.join(', ')}.\n\n${USAGE}`);
    await act({ action: 'role', person: String((await person(rest[0])).id), role: role.data });
  } else if (command === 'reset') {
    await act({ action: 'reset', person: String((await person(rest[0])).id) });
  } else if (command === 'remove') {
    await act({ action: 'remove', person: String((await person(rest[0])).id) });
  } else fail(`Unknown command: ${command}\n\n${USAGE}`);
} finally {
  await store.close();
}
