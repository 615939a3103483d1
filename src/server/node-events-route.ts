/**
 * The production server answers POST /api/events itself, straight from Node's request. It is the route readers'
 * browsers call most, and Astro's adapter turns every request into a web Request first (a look for a static file
 * on disk, a body stream, routing, middleware): profiled with one reader's small batches per request, that was
 * most of the server thread's time. Same endpoint (lib/events-endpoint.ts), so the answers are the same.
 */
import type http from 'node:http';
import { receiveEvents } from './events-endpoint.ts';
import { BodyIncompleteError, BodyTooLargeError } from './http.ts';

export const isEventsPost = (req: http.IncomingMessage) =>
  req.method === 'POST' && (req.url === '/api/events' || req.url?.startsWith('/api/events?') === true);

export async function answerEventsPost(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const response = await receiveEvents({
    header: (name) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(', ') : (value ?? null);
    },
    remoteAddress: () => req.socket.remoteAddress,
    text: (limit) => readBody(req, limit),
  });
  res.statusCode = response.status;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** The body as text, given up past `limit` bytes (Node discards the rest of it once the answer is sent). */
function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      req.resume();
      reject(new BodyTooLargeError());
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('close', () => {
      if (!req.complete) reject(new BodyIncompleteError('the request body did not arrive in full'));
    });
  });
}
