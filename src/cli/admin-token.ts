/** `npm run admin:token`: replaces a lost generated admin token with a new one and prints a one-time login link. */
import { ConfigError, parseEnv } from '../schemas/env.ts';
import { bootstrapAdminToken } from './admin-bootstrap.ts';
import { migrateDatabase } from './db-migrate.ts';

try {
  const env = parseEnv();
  if (env.KB_ADMIN_TOKEN) {
    console.error('KB_ADMIN_TOKEN is set: that token is the admin token. Change the variable to rotate it.');
    process.exit(1);
  }
  await migrateDatabase(env);
  await bootstrapAdminToken(env, { rotate: true });
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
