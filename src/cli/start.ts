/** `npm start`: checks the configuration, builds when content or code changed, then serves the site. */
import { bootstrapAdminToken } from './admin-bootstrap.ts';
import { builtOrExit, envOrExit } from './cli-exit.ts';
import { migrateDatabase } from './db-migrate.ts';
import { serveBuild } from '../server/http-server.ts';

const env = envOrExit();
const outDir = builtOrExit();

const { location, applied } = await migrateDatabase(env);
console.log(`Events database: ${location}${applied.length ? ` (applied ${applied.join(', ')})` : ''}`);
await bootstrapAdminToken(env);

await serveBuild(outDir, {
  host: env.HOST,
  port: env.PORT,
  requestTimeoutSeconds: env.KB_REQUEST_TIMEOUT_SECONDS,
  logRequests: env.KB_REQUEST_LOG,
});
