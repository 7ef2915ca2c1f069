import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startMockServer, type RunningMock } from '../../src/cli/mock-server.js';
import { loadContract } from '../../src/contract/contract.js';
import type { Report } from '../../src/contract/report.js';
import { startProxy, type RunningProxy } from '../../src/proxy/proxy-server.js';
import { parseTarget } from '../../src/proxy/target.js';
import { defaultSpecPath } from '../../src/spec/load-spec.js';
import { serveAppPage, type AppPage } from '../support/app-page.js';
import { browserMissing, launchChromium } from '../support/browser.js';
import { captureIo } from '../support/served-mock.js';

const KEY = 'flowyte_sk_test_acme_admin';
const SHOTS = join(process.cwd(), 'node_modules', '.cache', 'flowyte-contract', 'screenshots');
const missing = browserMissing();

async function checkHar(path: string): Promise<{ exitCode: number; report: Report; output: string }> {
  const directory = mkdtempSync(join(tmpdir(), 'flowyte-har-report-'));
  const { io, out, err } = captureIo();
  const exitCode = await main(['check', '--har', path, '--report-dir', directory], io);
  return { exitCode, report: JSON.parse(readFileSync(join(directory, 'report.json'), 'utf8')) as Report, output: out.join('') + err.join('') };
}

/**
 * Recorded traffic as a tester gets it: a page in headless Chromium walks the connect flow through the validating
 * proxy (connect Google Calendar, approve on the consent page, back to the app's list; then a forced 429), and
 * Playwright's `recordHar` saves what the browser saw. The file passes `check --har`; the same file with one answer
 * edited to break the contract fails with that check.
 */
describe.skipIf(missing !== undefined)('a HAR recorded by Playwright through the proxy (Chromium)', () => {
  let browser: Browser;
  let mock: RunningMock;
  let proxy: RunningProxy;
  let app: AppPage;
  const proxyLog: string[] = [];
  const directory = mkdtempSync(join(tmpdir(), 'flowyte-har-'));
  const harPath = join(directory, 'walk.har');

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    mock = await startMockServer({ port: 0, host: '127.0.0.1', cors: true });
    const contract = await loadContract(defaultSpecPath());
    proxy = await startProxy({ contract, target: parseTarget(`${mock.origin}/api/v1`), port: 0, host: '127.0.0.1', timeoutMs: 10_000, maxBodyBytes: 1024 * 1024, log: (line) => void proxyLog.push(line) });
    app = await serveAppPage(`${proxy.origin}/api/v1`, KEY);
    browser = await launchChromium();
    const context = await browser.newContext({ recordHar: { path: harPath, content: 'embed' } });
    const page = await context.newPage();
    await page.goto(app.url);
    await Promise.all([page.waitForURL(/\/__mock\/oauth\/consent/), page.click('#connect')]);
    await Promise.all([page.waitForURL((url) => url.href.startsWith(app.url)), page.click('button[value=approve]')]);
    await page.waitForFunction(() => document.getElementById('out')?.textContent?.includes('listed:'));
    await page.click('#error');
    await page.waitForFunction(() => document.getElementById('out')?.textContent?.includes('status:'));
    await page.screenshot({ path: join(SHOTS, 'har-walk.png') });
    await context.close(); // writes the HAR
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await proxy?.close();
    await mock?.close();
  });

  it('should pass check --har, judging the API exchanges and skipping the rest', async () => {
    const { exitCode, report, output } = await checkHar(harPath);
    expect(exitCode, output).toBe(0);
    expect(report.failures).toEqual([]);
    expect(report.source?.judged, output).toBeGreaterThanOrEqual(3); // connect, the list, the 429
    expect(report.source!.skippedOutside).toBeGreaterThan(0); // the app's page and the consent page
    expect(report.operations.find((op) => op.operationId === 'listIntegrations')?.observedStatuses).toEqual(expect.arrayContaining([200, 429]));
    // The proxy saw the same walk and found nothing wrong either.
    expect(proxyLog.join('\n')).not.toMatch(/ (error|warning):/);
  });

  it('should fail check --har with problem_json when one recorded answer is edited to drop its title', async () => {
    const har = JSON.parse(readFileSync(harPath, 'utf8'));
    const throttled = har.log.entries.find((entry: any) => entry.response.status === 429 && new URL(entry.request.url).pathname === '/api/v1/integrations');
    const text = throttled.response.content.encoding === 'base64' ? Buffer.from(throttled.response.content.text, 'base64').toString('utf8') : throttled.response.content.text;
    const { title: _, ...untitled } = JSON.parse(text);
    throttled.response.content = { ...throttled.response.content, text: JSON.stringify(untitled), encoding: undefined, size: JSON.stringify(untitled).length };
    const edited = join(directory, 'edited.har');
    writeFileSync(edited, JSON.stringify(har));
    const { exitCode, report, output } = await checkHar(edited);
    expect(exitCode, output).toBe(1);
    expect(report.failures.map((f) => [f.check, f.operationId, f.message])).toEqual([['problem_json', 'listIntegrations', 'the problem has no title']]);
  });
});
