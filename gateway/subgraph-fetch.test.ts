/**
 * The gateway's subgraph fetcher on real sockets: the one retry for a request that never
 * reached the subgraph (never for a mutation that may have), and the deadline.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyFetchFailure, subgraphConnections, type SubgraphConnections } from './subgraph-fetch.js';

const QUERY = JSON.stringify({ query: 'query Q__courts__1 { a }', variables: {} });
const MUTATION = JSON.stringify({ query: 'mutation M__platform__0 { b }', variables: {} });
const init = (body: string) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body });

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function connections(settings = { timeoutMs: 2000, keepAliveMs: 10_000 }): SubgraphConnections {
  const opened = subgraphConnections(settings);
  cleanups.unshift(() => opened.close()); // first: the servers then close without waiting on its sockets
  return opened;
}

/** Listens on a free port; closed after the test, once its connections are. */
async function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve())));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`;
}

/**
 * Answers the first request on each connection, then resets the connection under the next
 * one before any byte of an answer: a reused socket closed under the request.
 */
async function resettingServer() {
  const requests: string[] = [];
  const server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      requests.push(body);
      const socket = req.socket as Socket & { served?: number };
      socket.served = (socket.served ?? 0) + 1;
      if (socket.served > 1) return void socket.resetAndDestroy();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { ok: true } }));
    });
  });
  server.keepAliveTimeout = 60_000;
  cleanups.unshift(() => void server.closeAllConnections());
  return { url: await listen(server), requests };
}

/** The first answer read, and its connection back in the pool (undici frees it a moment later). */
async function firstAnswer(response: Response | Awaited<ReturnType<ReturnType<SubgraphConnections['fetcherFor']>>>) {
  expect(response.status).toBe(200);
  await response.text();
  await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('subgraph fetcher', () => {
  it('sends a query once more when a reused connection is reset before any answer', async () => {
    const { url, requests } = await resettingServer();
    const fetcher = connections().fetcherFor('courts');
    await firstAnswer(await fetcher(url, init(QUERY)));
    const again = await fetcher(url, init(QUERY)); // reused connection, reset; then a fresh one
    expect(await again.json()).toEqual({ data: { ok: true } });
    expect(requests).toHaveLength(3);
  });

  it('never sends a mutation again once the subgraph may have received it', async () => {
    const { url, requests } = await resettingServer();
    const fetcher = connections().fetcherFor('platform');
    await firstAnswer(await fetcher(url, init(MUTATION)));
    const failed = await fetcher(url, init(MUTATION)).catch((error: unknown) => error);
    expect(classifyFetchFailure(failed)).toBe('dropped');
    expect(requests).toHaveLength(2);
  });

  it('tells a refused connection (nothing sent, any operation may be sent again) from a dropped one', async () => {
    const closed = createTcpServer();
    const url = await listen(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const fetcher = connections().fetcherFor('platform');
    const refused = await fetcher(url, init(MUTATION)).catch((error: unknown) => error);
    expect(classifyFetchFailure(refused)).toBe('not-connected');
  });

  it('gives up at the deadline on a subgraph that accepts and never answers', async () => {
    const held: Socket[] = [];
    const silent = createTcpServer((socket) => held.push(socket));
    cleanups.unshift(() => held.forEach((socket) => socket.destroy()));
    const url = await listen(silent);
    const fetcher = connections({ timeoutMs: 500, keepAliveMs: 1000 }).fetcherFor('finance');
    const started = Date.now();
    const failed = (await fetcher(url, init(QUERY)).catch((error: unknown) => error)) as Error;
    expect(failed.name).toBe('TimeoutError');
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(held).toHaveLength(1); // not sent again: the deadline is spent
  });
});
