import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type RunningMock } from '../../src/cli/mock-server.js';
import { serveAppPage, type AppPage } from '../support/app-page.js';
import { browserMissing, launchChromium } from '../support/browser.js';

const KEY = 'flowyte_sk_test_acme_admin';
// Screenshots to look at after a run (kept out of the repository with the rest of node_modules).
const SHOTS = join(process.cwd(), 'node_modules', '.cache', 'flowyte-contract', 'screenshots');
const missing = browserMissing();
if (missing) console.warn(missing);

/**
 * The mock as a frontend developer meets it: in headless Chromium, from a page on another origin (the app on
 * `localhost`, the mock on `127.0.0.1`), through CORS, the consent page and back.
 */
describe.skipIf(missing !== undefined)('the mock in a real browser (Chromium)', () => {
  let browser: Browser;
  let mock: RunningMock;
  let app: AppPage;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    mock = await startMockServer({ port: 0, host: '127.0.0.1', cors: true });
    app = await serveAppPage(`${mock.origin}/api/v1`, KEY);
    browser = await launchChromium();
    page = await browser.newPage();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await mock?.close();
  });

  it('should connect Google Calendar: connect → consent page → Approve → back to the app, connected', async () => {
    await page.goto(app.url);
    await Promise.all([page.waitForURL(/\/__mock\/oauth\/consent/), page.click('#connect')]);
    expect(new URL(page.url()).origin).toBe(mock.origin);
    await expect(page.textContent('body')).resolves.toMatch(/Google Calendar/);
    await page.screenshot({ path: join(SHOTS, 'consent.png') });

    await Promise.all([page.waitForURL((url) => url.href.startsWith(app.url)), page.click('button[value=approve]')]);
    const back = new URL(page.url());
    expect(Object.fromEntries(back.searchParams)).toMatchObject({ status: 'connected', kind: 'google_calendar' });
    await page.waitForFunction(() => document.getElementById('out')?.textContent?.includes('listed:'));
    expect(await page.textContent('#out')).toContain('listed: google_calendar connected');
    await page.screenshot({ path: join(SHOTS, 'returned.png') });
  }, 30_000);

  it('should let the page ask for a 429 after a delay, and read Retry-After through CORS, changing nothing', async () => {
    await page.goto(app.url);
    await page.click('#error');
    await page.waitForFunction(() => document.getElementById('out')?.textContent?.includes('status:'));
    const shown = (await page.textContent('#out')) ?? '';
    expect(shown).toContain('status: 429');
    expect(shown).toContain('code: rate_limited');
    expect(shown).toMatch(/retry-after: \d+/);
    expect(Number(/waited: (\d+)/.exec(shown)?.[1])).toBeGreaterThanOrEqual(400);
    await page.screenshot({ path: join(SHOTS, 'forced-429.png') });
    expect(mock.core.store.connection('acme', 'google_calendar')?.status).toBe('connected');
  }, 30_000);

  it("should refuse the app's cross-site POST /__mock/reset: the state stays", async () => {
    await page.goto(app.url);
    const status = await page.evaluate(async (target) => {
      const reply = await fetch(`${target}/__mock/reset`, { method: 'POST', mode: 'no-cors' });
      return reply.type;
    }, mock.origin);
    expect(status).toBe('opaque'); // a simple request the browser sent without a preflight
    expect(mock.core.store.connection('acme', 'google_calendar')?.status).toBe('connected');
  }, 30_000);
});
