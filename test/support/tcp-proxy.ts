import net from 'node:net';

/** How the proxy treats traffic: passes it, drops every byte (a frozen server or network), or refuses connections (a server that is down). */
export type ProxyMode = 'open' | 'frozen' | 'down';

export interface TcpProxy {
  /** The proxy's port on 127.0.0.1. */
  readonly port: number;
  /** `url` with its host and port replaced by the proxy's. */
  through(url: string): string;
  /** Changes the mode; `down` also breaks the connections that are open. */
  set(mode: ProxyMode): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of a real server, which a test can freeze or take down: the faults a network
 * or a server causes, without stopping the server that other tests use.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: ProxyMode = 'open';
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  // Bytes go across only while open: frozen, they are dropped, as a network that lost its route drops packets.
  const forward = (from: net.Socket, to: net.Socket) => from.on('data', (data) => mode === 'open' && to.write(data));

  const server = net.createServer((client) => {
    track(client);
    if (mode === 'down') return client.destroy();
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    forward(client, upstream);
    forward(upstream, client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    through(url) {
      const proxied = new URL(url);
      proxied.hostname = '127.0.0.1';
      proxied.port = String(port);
      return proxied.toString();
    },
    set(next) {
      mode = next;
      if (mode === 'down') for (const socket of sockets) socket.destroy();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
