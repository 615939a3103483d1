/**
 * `npm run db:backup [-- --to <file>]`: a consistent copy of the events database while the server keeps
 * running (SQLite's online backup API), checked by opening it and running the integrity check.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { argsOrExit, envOrExit, fail } from './cli-exit.ts';

const { values } = argsOrExit({ options: { to: { type: 'string' } }, strict: true }, 'usage: npm run db:backup [-- --to <file>]');
const env = envOrExit();
if (env.KB_DATABASE_URL) fail("KB_DATABASE_URL is set: back up PostgreSQL with its own tools (pg_dump, or your provider's snapshots).");
const source = resolve(env.KB_DB_PATH);
if (!existsSync(source)) fail(`There is no database at ${source} to back up (KB_DB_PATH).`);
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
const target = resolve(values.to ?? join(dirname(source), 'backups', `kb-${stamp}.sqlite`));
if (existsSync(target)) fail(`${target} already exists; choose another --to.`);
mkdirSync(dirname(target), { recursive: true });

console.log(`Backing up ${source} to ${target}…`);
const db = new SqliteDatabase(source, { readonly: true });
try {
  // All pages in one step: a step reads one snapshot, so writes that land meanwhile cannot make the copy restart or
  // mix.
  await db.backup(target, { progress: ({ remainingPages }) => Math.max(remainingPages, 1) });
} finally {
  db.close();
}

const copy = new SqliteDatabase(target, { readonly: true });
try {
  const check = copy.pragma('integrity_check', { simple: true });
  if (check !== 'ok') fail(`The backup at ${target} failed the integrity check: ${String(check)}`);
  const events = copy.prepare('select count(*) from events').pluck().get() as number;
  console.log(
    `Done: ${(statSync(target).size / 1024 / 1024).toFixed(1)} MB, ${events.toLocaleString('en')} raw events, integrity check ok.`,
  );
} finally {
  copy.close();
}
