/**
 * The offline playground in a real browser (Debian's chromium driven by playwright-core):
 * the page loads with no internet, the identity panel sets role, sector and purpose, an
 * example runs, the result shows data and a FORBIDDEN field. A screenshot is kept in
 * test-artifacts/ for people to look at.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAYGROUND_DIST } from '@credit-hub/gateway/playground.js';
import { showcaseWith, startTestHub, type TestHub } from './hub.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = new URL('../test-artifacts/', import.meta.url).pathname;

let t: TestHub;
let browser: Browser;
let page: Page;
const outsideRequests: string[] = [];

beforeAll(async () => {
  if (!existsSync(`${PLAYGROUND_DIST}index.html`)) throw new Error('playground not built: run `npm run build -w playground` (npm test does)');
  if (!existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM}: .ci/run installs Debian's chromium`);
  t = await startTestHub('playground', { devTokens: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
  // Offline means offline: every request the page makes must stay on the gateway.
  const origin = new URL(t.hub.gateway.url).origin;
  page.on('request', (request) => {
    if (!request.url().startsWith(origin) && !request.url().startsWith('data:')) outsideRequests.push(request.url());
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

const responseText = () => page.locator('.graphiql-response').innerText();

describe('playground', () => {
  it('sends nothing on first load that the gateway refuses, and shows no result until asked', async () => {
    const first = await browser.newPage();
    const answers: Array<{ status: number; body: string; headers: Record<string, string> }> = [];
    first.on('response', async (response) => {
      if (!response.url().endsWith('/graphql')) return;
      answers.push({ status: response.status(), body: await response.text(), headers: response.request().headers() });
    });
    // The first example is an agency's: the page mints its token while GraphiQL asks for the schema.
    await first.goto(t.hub.gateway.url.replace(/\/graphql$/, '/playground/'));
    await expect.poll(() => answers.length, { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => first.getByTestId('status').innerText(), { timeout: 15_000 }).toContain('Development token for');
    await first.waitForTimeout(500);
    for (const answer of answers) {
      expect(answer.status, answer.body.slice(0, 300)).toBe(200);
      expect(JSON.parse(answer.body).errors, answer.body.slice(0, 300)).toBeUndefined();
      // The purpose left with the token that may declare it, never alone.
      if (answer.headers['x-credit-purpose']) expect(answer.headers.authorization).toMatch(/^Bearer /);
    }
    expect(answers.some((answer) => answer.headers.authorization)).toBe(true);
    expect((await first.locator('.graphiql-response').innerText()).replace(/[\s\u200b]/g, '')).toBe('');
    await first.close();
  });

  it('runs an agency example as the identity chosen, showing data and a FORBIDDEN field', async () => {
    await page.goto(t.hub.gateway.url.replace(/\/graphql$/, '/playground/'));
    await page.getByTestId('example').selectOption('agency-joined-profile');
    // Choose who asks and why, as a person would.
    await page.getByTestId('role').selectOption('SECTOR_AGENCY');
    await page.getByTestId('sector').selectOption('MARKET');
    await page.getByTestId('sub').fill('11150000MB0000000M');
    await page.getByTestId('purpose').selectOption('PUBLIC_PROCUREMENT');
    await expect.poll(() => page.getByTestId('status').innerText(), { timeout: 15_000 }).toContain('Development token for SECTOR_AGENCY MARKET');

    await page.locator('.graphiql-execute-button').click();
    await expect.poll(responseText, { timeout: 20_000 }).toContain('"data"');
    const text = await responseText();
    expect(text).toContain(showcaseWith('ALL_SECTORS').name);
    expect(text).toContain('FORBIDDEN');
    expect(text).toContain('Subject.accessLog');

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}playground.png`, fullPage: true });
    expect(outsideRequests).toEqual([]);
  });

  it('shows each field\'s classification in the docs explorer', async () => {
    await page.locator('.graphiql-sidebar button[aria-label*="Documentation"]').first().click();
    await page.getByText('Query', { exact: true }).first().click();
    await page.getByText('subject', { exact: true }).first().click();
    await page.getByText('Subject', { exact: true }).first().click();
    await page.locator('.graphiql-doc-explorer').getByText('idNumber', { exact: true }).first().click();
    await expect
      .poll(() => page.locator('.graphiql-doc-explorer').innerText(), { timeout: 10_000 })
      .toContain('Access: shared with agencies for JUDICIAL_ENFORCEMENT');
    await page.screenshot({ path: `${ARTIFACTS}playground-docs.png` });
  });
});
