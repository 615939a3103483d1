/**
 * One JSON line per answered request on stdout (pino): method, path, status and milliseconds, for a log pipeline to
 * count and alert on. Never the query string (a reader's search), the client address, the user agent, or the secret
 * a help desk that cannot sign puts in its webhook's path.
 */
import type http from 'node:http';
import { pino } from 'pino';

export function requestLogger(): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const log = pino({ base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
  return (req, res) => {
    const started = performance.now();
    res.once('finish', () => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/^(\/api\/tickets\/[^/]+)\/.+$/, '$1/…');
      log.info({ method: req.method, path, status: res.statusCode, ms: Math.round((performance.now() - started) * 10) / 10 }, 'request');
    });
  };
}
