/**
 * Serves a built site's static folder on 127.0.0.1, the way a CDN would: gzip for text when the browser accepts it,
 * /path/ → path/index.html, 404.html for what is missing. Both Lantern's and Starlight's builds are served by it, so
 * neither gets a different server.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { createGzip } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
};
const COMPRESSIBLE = /^(text\/|application\/(json|xml)|image\/svg)/;

export interface StaticSite {
  url: string;
  close(): Promise<void>;
}

function resolveFile(root: string, pathname: string): string | null {
  const path = normalize(join(root, decodeURIComponent(pathname)));
  if (!path.startsWith(root)) return null;
  if (existsSync(path) && statSync(path).isFile()) return path;
  const index = join(path, 'index.html');
  return existsSync(index) ? index : null;
}

export function serveStatic(root: string): Promise<StaticSite> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const file = resolveFile(root, url.pathname);
    const target = file ?? join(root, '404.html');
    if (!existsSync(target)) {
      res.writeHead(404).end();
      return;
    }
    const type = TYPES[extname(target)] ?? 'application/octet-stream';
    // Pagefind's index and fragments are gzip files already: sent as they are, whatever their extension says.
    const gzip = COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(file ? 200 : 404, {
      'Content-Type': type,
      'Cache-Control': 'public, max-age=3600',
      ...(gzip && { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' }),
    });
    if (req.method === 'HEAD') return void res.end();
    const stream = createReadStream(target);
    (gzip ? stream.pipe(createGzip()) : stream).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}
