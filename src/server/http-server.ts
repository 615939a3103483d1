/**
 * The HTTP server `npm start` runs: the build's Astro handler behind Node's http server with our limits
 * (a request that does not finish in time is cut off; headers are capped at 16 KiB) and baseline security
 * headers on every response. The dashboard adds its stricter policy on top (src/server/dashboard-headers.ts).
 */
import http from 'node:http';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MANIFEST_FILE } from '../schemas/manifest.ts';
import { answerEventsPost, isEventsPost } from './node-events-route.ts';
import { internalError } from './http.ts';
import { requestLogger } from './request-log.ts';
import { configureRuntime, type RuntimeOptions } from './runtime.ts';

export interface ServeOptions {
  host: string;
  port: number;
  /** Whole request, headers and body; headers alone get at most 10 s of it. */
  requestTimeoutSeconds: number;
  /** A JSON line per request on stdout (request-log.ts). */
  logRequests: boolean;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

// Public pages may be framed by the product they document (same origin only) and never run plugins.
const BASELINE: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Content-Security-Policy': "frame-ancestors 'self'; object-src 'none'; base-uri 'self'",
};

export async function serveBuild(outDir: string, options: ServeOptions, runtime: RuntimeOptions = {}): Promise<http.Server> {
  // The adapter would start its own server (without our limits) on import unless told not to: its own switch.
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  // The bundle cannot name a source file of its own (the commit worker), and the events route below runs from this
  // source tree, so it cannot find the build's manifest by looking around itself: both are told.
  configureRuntime({
    manifestPath: join(outDir, 'client', MANIFEST_FILE),
    writerScript: fileURLToPath(new URL('../ingest/commit-worker.ts', import.meta.url)),
    ...runtime,
  });
  const { handler } = (await import(pathToFileURL(join(outDir, 'server/entry.mjs')).href)) as { handler: Handler };
  const requestTimeout = options.requestTimeoutSeconds * 1000;
  const logRequest = options.logRequests ? requestLogger() : undefined;
  const server = http.createServer(
    {
      requestTimeout,
      headersTimeout: Math.min(10_000, requestTimeout),
      // Timeouts are enforced on this tick; Node's default of 30 s would let a short limit run long.
      connectionsCheckingInterval: Math.min(1000, requestTimeout),
      maxHeaderSize: 16 * 1024,
    },
    (req, res) => {
      logRequest?.(req, res);
      for (const [name, value] of Object.entries(BASELINE)) res.setHeader(name, value);
      if (!isEventsPost(req)) return handler(req, res);
      answerEventsPost(req, res).catch(async (error: unknown) => {
        const response = internalError(error);
        if (!res.headersSent) res.writeHead(response.status, Object.fromEntries(response.headers)).end(await response.text());
      });
    },
  );
  await new Promise<void>((listening, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host, () => listening());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  console.log(`Help center at http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}/`);
  // A clean stop lets in-flight requests (and their commits) finish.
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return server;
}
