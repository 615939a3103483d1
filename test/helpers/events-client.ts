/** Sends event batches to a running server the way the browser does, from a chosen client address. */
let counter = 0;

/** A session id as the tracker makes them (random, URL-safe). */
export function newSession(): string {
  return `s${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

export interface PostOptions {
  /** Appears as the client address (the test server trusts X-Forwarded-For), so rate limits stay per test. */
  from?: string;
  userAgent?: string;
  contentType?: string;
}

const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';

export async function postRaw(url: string, body: string | Uint8Array<ArrayBuffer>, options: PostOptions = {}): Promise<Response> {
  return fetch(`${url}/api/events`, {
    method: 'POST',
    headers: {
      'Content-Type': options.contentType ?? 'application/json',
      'User-Agent': options.userAgent ?? BROWSER_UA,
      'X-Forwarded-For': options.from ?? `198.51.100.${counter++ % 250}`,
    },
    body,
  });
}

export async function postEvents(url: string, events: object[], options: PostOptions = {}): Promise<Response> {
  return postRaw(url, JSON.stringify({ events }), options);
}
