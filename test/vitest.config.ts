/**
 * Test runner settings: builds share Astro's generated types folder, so test files run one at a time.
 * Two projects: every test on SQLite, and the store and report tests again on PostgreSQL when
 * KB_TEST_DATABASE_URL points at a server (CI starts one with .ci/start-postgres.sh).
 */
import { defineConfig } from 'vitest/config';

// Tests that exercise the store through kysely, so they mean the same on both stores; *.postgres.test.ts need
// PostgreSQL.
const STORE_TESTS = ['test/server/events-api.test.ts', 'test/analytics/*.test.ts', 'test/db/*.test.ts'];
const STORE_ONLY_ON_SQLITE = ['test/analytics/reports-api.test.ts'];
const POSTGRES_ONLY = ['test/**/*.postgres.test.ts'];

const postgres = process.env.KB_TEST_DATABASE_URL;
if (!postgres) {
  console.log(
    'PostgreSQL store tests skipped: set KB_TEST_DATABASE_URL=postgres://user@host:port/db to run them (bash .ci/run starts a server).',
  );
}

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 300_000,
    reporters: ['default'],
    projects: [
      { test: { name: 'sqlite', include: ['test/**/*.test.ts'], exclude: POSTGRES_ONLY } },
      ...(postgres
        ? [
            {
              test: {
                name: 'postgres',
                include: [...STORE_TESTS, ...POSTGRES_ONLY],
                exclude: STORE_ONLY_ON_SQLITE,
                env: { KB_TEST_STORE: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
