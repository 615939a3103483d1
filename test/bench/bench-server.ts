/**
 * The built site served as `npm start` serves it, with the ingest benchmark's own options: its synthetic manifest,
 * and with `--naive` one transaction per request (the design group commit is measured against).
 * Usage: node test/bench/bench-server.ts <dist> <manifest> [--naive]
 */
import { resolve } from 'node:path';
import { parseEnv } from '../../src/schemas/env.ts';
import { serveBuild } from '../../src/server/http-server.ts';

export const BENCH_SERVER = import.meta.filename;

if (import.meta.main) {
  const [dist, manifest, mode] = process.argv.slice(2);
  if (!dist || !manifest) throw new Error('usage: node test/bench/bench-server.ts <dist> <manifest> [--naive]');
  const env = parseEnv();
  await serveBuild(
    resolve(dist),
    { host: env.HOST, port: env.PORT, requestTimeoutSeconds: env.KB_REQUEST_TIMEOUT_SECONDS, logRequests: env.KB_REQUEST_LOG },
    { manifestPath: resolve(manifest), groupCommit: mode !== '--naive' },
  );
}
