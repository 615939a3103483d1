import { spawnSync } from 'node:child_process';
import { beforeAll, expect, test } from 'vitest';
import { freshDatabase } from '../helpers/reliability-site.ts';
import { ROOT } from '../helpers/site-build.ts';

let dbPath: string;
beforeAll(async () => {
  dbPath = await freshDatabase('lantern-users-cli-');
});

function users(...args: string[]) {
  const result = spawnSync(process.execPath, ['src/cli/users.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, KB_DB_PATH: dbPath, KB_SITE_URL: 'https://help.example.com' },
  });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

test('invites people with a one-time link, lists the team, changes a role and prints the audit log', () => {
  const invited = users('invite', 'Lead@Example.com', '--role', 'admin', '--name', 'Lea Lead');
  expect(invited.status).toBe(0);
  expect(invited.out).toMatch(
    /^Invited lead@example\.com as admin\. Send them this link \(valid 72 hours, shown once\):\n {2}https:\/\/help\.example\.com\/reports\/welcome\?code=[\w-]{43}\n$/,
  );
  expect(users('invite', 'val@example.com', '--role', 'viewer').status).toBe(0);
  expect(users('role', 'val@example.com', 'editor').out).toContain('val@example.com is now editor');

  const list = users('list').out.split('\n');
  expect(list[0]).toBe('team (2)');
  expect(list[3]).toMatch(/^lead@example\.com\s+Lea Lead\s+admin\s+invited, no password yet$/);
  expect(list[4]).toMatch(/^val@example\.com\s+val\s+editor\s+invited, no password yet$/);

  const audit = users('audit', '--since', '2000-01-01').out;
  expect(audit).toMatch(/command line\s+invite\s+lead@example\.com\s+admin/);
  expect(audit).toMatch(/command line\s+role-change\s+val@example\.com\s+viewer → editor/);
  expect(audit.indexOf('lead@example.com')).toBeLessThan(audit.indexOf('role-change'));
});

test('refuses an unknown role, a second invitation, and removing the last admin, saying why', () => {
  const role = users('invite', 'zed@example.com', '--role', 'owner');
  expect(role.status).toBe(1);
  expect(role.err).toContain('role: must be one of viewer, editor, admin');
  expect(users('invite', 'lead@example.com', '--role', 'viewer').err).toContain('lead@example.com is already on the team');
  const last = users('remove', 'lead@example.com');
  expect(last.status).toBe(1);
  expect(last.err).toContain('lead@example.com is the last admin: make someone else admin first.');
  expect(users('remove', 'nobody@example.com').err).toContain('nobody@example.com is not on the team');
  expect(users('--help').out).toContain('Usage: npm run users -- <command>');
});
