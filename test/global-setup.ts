/**
 * One real PostgreSQL server for the whole test run (design §10: real parts, not mocks):
 * the server named by TEST_DATABASE_URL, else an embedded one in a fresh temporary
 * folder. Each test file creates its own databases on it (see test/databases.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '@credit-hub/runtime';

import './provided.js';

export default async function setup(project: TestProject) {
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
