/**
 * A TCP proxy on loopback between the API and its database, for network faults: every chunk is held `delayMs` in
 * each direction (so a round trip costs twice that), and `stall()` stops passing bytes, connections open and silent,
 * until `resume()`.
 */
import net from 'node:net';

export interface TcpProxy {
  port: number;
  delayMs: number;
  stall(): void;
  resume(): void;
  close(): Promise<void>;
}

export async function tcpProxy(target: { host: string; port: number }, delayMs = 0): Promise<TcpProxy> {
  let stalled = false;
  const held: (() => void)[] = [];
  const sockets = new Set<net.Socket>();
  const proxy: TcpProxy = {
    port: 0,
    delayMs,
    stall: () => {
      stalled = true;
    },
    resume: () => {
      stalled = false;
      for (const send of held.splice(0)) send();
    },
    close: () =>
      new Promise((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  };
  // Chunks keep their order: each waits for the delay, then for the stall to end.
  const pipe = (from: net.Socket, to: net.Socket) => {
    let last = Promise.resolve();
    from.on('data', (chunk) => {
      last = last.then(
        () =>
          new Promise<void>((sent) => {
            const send = () => {
              if (!to.destroyed) to.write(chunk);
              sent();
            };
            setTimeout(() => (stalled ? held.push(send) : send()), proxy.delayMs);
          }),
      );
    });
    from.on('close', () => to.destroy());
    from.on('error', () => to.destroy());
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    pipe(client, upstream);
    pipe(upstream, client);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', () => listening()));
  proxy.port = (server.address() as net.AddressInfo).port;
  return proxy;
}
