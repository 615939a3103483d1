/** `npm start`: checks the configuration, builds when content or code changed, then serves the site. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bootstrapAdminToken } from './admin-bootstrap.ts';
import { builtOrExit, envOrExit } from './cli-exit.ts';
import { migrateDatabase } from './db-migrate.ts';

const env = envOrExit();
const outDir = builtOrExit();

const applied = await migrateDatabase(env.KB_DB_PATH);
console.log(`Events database: ${env.KB_DB_PATH}${applied.length ? ` (applied ${applied.join(', ')})` : ''}`);
await bootstrapAdminToken(env);

// The standalone server reads HOST and PORT itself.
process.env.HOST = env.HOST;
process.env.PORT = String(env.PORT);
await import(pathToFileURL(resolve(outDir, 'server/entry.mjs')).href);
