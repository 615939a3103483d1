/** Decides whether the site must be rebuilt: a hash of everything the build reads, stored next to the output. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// db/ is bundled into the server (the store, the migrations), so it is an input like src/.
const INPUTS = ['content', 'src', 'db', 'astro.config.mjs', 'package-lock.json', 'tsconfig.json'];
const STAMP = '.lantern-build-hash';

// The events database and its backups live in db/ too; they are data, not build inputs.
const DATA = /\.sqlite(-wal|-shm|-journal)?$|^backups$/;

function addPath(hash: ReturnType<typeof createHash>, path: string): void {
  if (!existsSync(path)) return;
  const stat = statSync(path);
  if (stat.isDirectory()) {
    for (const name of readdirSync(path).sort()) if (!DATA.test(name)) addPath(hash, join(path, name));
  } else {
    hash.update(path).update('\0').update(readFileSync(path)).update('\0');
  }
}

/** The hash of the build inputs, plus the environment variables that change what pages contain. */
export function inputsHash(root: string, contentDir: string, env: Record<string, string | undefined>): string {
  const hash = createHash('sha256');
  for (const input of INPUTS) addPath(hash, input === 'content' ? contentDir : join(root, input));
  for (const key of ['KB_SITE_URL', 'KB_SITE_NAME', 'KB_CONTACT_URL', 'KB_DEFAULT_LANG', 'KB_TRACKING', 'KB_API_URL'])
    hash.update(`${key}=${env[key] ?? ''}\0`);
  return hash.digest('hex');
}

export function isBuildFresh(outDir: string, hash: string): boolean {
  const stamp = join(outDir, STAMP);
  return existsSync(join(outDir, 'server', 'entry.mjs')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash;
}

export function markBuilt(outDir: string, hash: string): void {
  writeFileSync(join(outDir, STAMP), hash);
}
