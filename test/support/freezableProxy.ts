import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** A TCP proxy on loopback in front of a local port, which a test can freeze like a hung host. */
export interface FreezableProxy {
  url: string;
  /** From now on nothing is read or forwarded, on open connections and new ones: requests hang, none fails. */
  freeze(): void;
  /** Forwards again what was held, and new connections. */
  thaw(): void;
  close(): Promise<void>;
}

/**
 * Starts a proxy to `127.0.0.1:targetPort` (a process that stops answering without closing its sockets: a frozen
 * server, a lost host, which a killed process does not show).
 *
 * @example
 * const proxy = await freezableProxy(server.port); // use proxy.url; proxy.freeze() later
 */
export async function freezableProxy(targetPort: number): Promise<FreezableProxy> {
  const sockets = new Set<net.Socket>();
  let frozen = false;
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    if (frozen) socket.pause();
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    client.pipe(upstream);
    upstream.pipe(client);
    // After the pipes: pipe() resumes a paused source.
    track(client);
    track(upstream);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    freeze: () => {
      frozen = true;
      for (const socket of sockets) socket.pause();
    },
    thaw: () => {
      frozen = false;
      for (const socket of sockets) socket.resume();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
