/**
 * A TCP proxy for fault tests (real sockets, no mocks, design §10): put between a part of
 * the hub and what it calls (a subgraph's PostgreSQL, the audit database, a subgraph's HTTP
 * server), it forwards every byte until told to behave as a stopped or a frozen peer.
 */
import { createServer, connect, type Socket } from 'node:net';

export interface FaultProxy {
  port: number;
  /** This proxy's address in place of the target's in `url` (e.g. a database URL). */
  in(url: string): string;
  /** Forwards again: after stop(), listens again on the same port; after freeze(), lets the held bytes through. */
  forward(): Promise<void>;
  /** As a stopped server: new connections refused, open ones closed. */
  stop(): Promise<void>;
  /** As a frozen server (SIGSTOP) or a network that stops forwarding: connections accepted, not a byte passed either way. */
  freeze(): void;
  close(): Promise<void>;
}

export async function startFaultProxy(target: () => { host: string; port: number }): Promise<FaultProxy> {
  const pairs = new Set<{ client: Socket; upstream?: Socket }>();
  let mode: 'forward' | 'stopped' | 'frozen' = 'forward';

  const link = (pair: { client: Socket; upstream?: Socket }) => {
    const { host, port } = target();
    const upstream = connect(port, host);
    pair.upstream = upstream;
    pair.client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => pair.client.write(chunk));
    upstream.on('error', () => pair.client.destroy());
    upstream.on('close', () => pair.client.destroy());
    pair.client.on('close', () => upstream.destroy());
    pair.client.resume();
  };

  const server = createServer({ pauseOnConnect: true }, (client) => {
    const pair: { client: Socket; upstream?: Socket } = { client };
    pairs.add(pair);
    client.on('error', () => client.destroy());
    client.on('close', () => pairs.delete(pair));
    // Frozen: accepted and held, linked only once thawed.
    if (mode === 'forward') link(pair);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  const closeListener = () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));

  return {
    port,
    in: (url) => {
      const moved = new URL(url);
      moved.hostname = '127.0.0.1';
      moved.port = String(port);
      return moved.toString();
    },
    forward: async () => {
      if (mode === 'stopped') await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      mode = 'forward';
      for (const pair of pairs) {
        if (pair.client.destroyed) continue;
        if (!pair.upstream) link(pair);
        else {
          pair.client.resume();
          pair.upstream.resume();
        }
      }
    },
    stop: async () => {
      mode = 'stopped';
      const closed = closeListener();
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream?.destroy();
      }
      await closed;
    },
    freeze: () => {
      mode = 'frozen';
      for (const pair of pairs) {
        pair.client.pause();
        pair.upstream?.pause();
      }
    },
    close: async () => {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream?.destroy();
      }
      await closeListener();
    },
  };
}
