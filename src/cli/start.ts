/** `npm start`: checks the configuration, builds when content or code changed, then serves the site. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, parseEnv } from '../schemas/env.ts';
import { contentDir } from '../lib/content-dir.ts';
import { inputsHash, isBuildFresh, markBuilt } from './build-freshness.ts';
import { migrateDatabase } from './db-migrate.ts';

const root = resolve(import.meta.dirname, '../..');
const outDir = process.env.KB_BUILD_DIR ? resolve(process.env.KB_BUILD_DIR, 'dist') : resolve(root, 'dist');

function fail(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(1);
}

let env;
try {
  env = parseEnv();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

const hash = inputsHash(root, contentDir(), process.env);
if (isBuildFresh(outDir, hash)) {
  console.log('Site is up to date with content/ and src/; skipping the build.');
} else {
  console.log('Content or code changed since the last build: building the site…');
  const astro = resolve(root, 'node_modules/astro/bin/astro.mjs');
  const result = spawnSync(process.execPath, [astro, 'build'], { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) fail('The build failed; the messages above name the file and the problem.');
  markBuilt(outDir, hash);
}

const applied = await migrateDatabase(env.KB_DB_PATH);
console.log(`Events database: ${env.KB_DB_PATH}${applied.length ? ` (applied ${applied.join(', ')})` : ''}`);

// The standalone server reads HOST and PORT itself.
process.env.HOST = env.HOST;
process.env.PORT = String(env.PORT);
await import(pathToFileURL(resolve(outDir, 'server/entry.mjs')).href);
