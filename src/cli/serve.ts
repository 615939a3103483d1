/**
 * Serves an existing build as `npm start` does, without building or migrating first: `node src/cli/serve.ts <dist>`.
 */
import { resolve } from 'node:path';
import { serveBuild } from '../server/http-server.ts';
import { envOrExit, fail } from './cli-exit.ts';

const outDir = process.argv[2];
if (!outDir) fail('usage: node src/cli/serve.ts <build output folder (dist)>');
const env = envOrExit();
await serveBuild(resolve(outDir), {
  host: env.HOST,
  port: env.PORT,
  requestTimeoutSeconds: env.KB_REQUEST_TIMEOUT_SECONDS,
  logRequests: env.KB_REQUEST_LOG,
});
