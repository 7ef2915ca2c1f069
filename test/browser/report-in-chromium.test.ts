import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Report } from '../../src/contract/report.js';
import { browserMissing, launchChromium } from '../support/browser.js';
import { captureIo, serveMock, writeTestConfig } from '../support/served-mock.js';
import { BROKEN_VARIANTS } from '../contract/broken-variants.js';

// Screenshots to look at after a run (kept out of the repository with the rest of node_modules).
const SHOTS = join(process.cwd(), 'node_modules', '.cache', 'flowyte-contract', 'screenshots');
const missing = browserMissing();
if (missing) console.warn(missing);

/** Runs the suites against a mock (broken by `variant` when named) and answers the report directory. */
async function reportOf(variant: string | undefined, checks: string): Promise<string> {
  const mock = await serveMock(variant ? BROKEN_VARIANTS.find((v) => v.name === variant)!.handle : undefined);
  const dir = mkdtempSync(join(tmpdir(), 'flowyte-html-'));
  try {
    await main(['test', '--config', writeTestConfig(mock.baseUrl), '--seed', '2', '--runs', '10', '--checks', checks, '--report-dir', dir], captureIo().io);
    return dir;
  } finally {
    await mock.close();
  }
}

/** report.html as a reviewer opens it from the CI artefacts: in Chromium, from a file, with no network. */
describe.skipIf(missing !== undefined)('the HTML report in a real browser (Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
  }, 30_000);
  afterAll(() => browser?.close());

  it('should state how much a passing run exercised and list the gaps', async () => {
    const dir = await reportOf(undefined, 'auth_required,scope_enforced,tenant_isolation,response_schema');
    const { coverage } = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(dir, 'report.html')).href);
    await expect(page.textContent('.verdict-ok')).resolves.toBe(`Conformant on what was exercised: ${coverage.cells.exercised} of ${coverage.cells.total} operation × check cells`);
    const gaps = await page.locator('h2:text("Not exercised by this run") + ul > li').allTextContents();
    expect(gaps.some((gap) => gap.startsWith('scope_enforced on ') && gap.includes('listIntegrationCatalog'))).toBe(true);
    // A cell the check does not judge is blank, and says why on hover.
    await expect(page.locator('td.not_applicable').first().getAttribute('title')).resolves.toContain('does not judge');
    await page.screenshot({ path: join(SHOTS, 'report-passing.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('should show a response check\'s failure with the suite that sent it', async () => {
    const dir = await reportOf('answers 500 to malformed JSON', 'not_a_server_error');
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(dir, 'report.html')).href);
    await expect(page.textContent('.verdict-bad')).resolves.toMatch(/^\d+ distinct findings?, \d+ occurrences?$/);
    const failure = page.locator('details.occurrence', { hasText: 'Sent by the negative_data_rejection suite' }).first();
    await expect(failure.locator('pre').last().textContent()).resolves.toMatch(/--checks not_a_server_error --suite negative_data_rejection --seed 2 --path \d/);
    await page.screenshot({ path: join(SHOTS, 'report-failing.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('should show one cause met on many operations as one finding, every occurrence under it, the first one open', async () => {
    const dir = await reportOf('serves problem+json as text/plain', 'problem_json');
    const { findings, failures } = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
    expect(findings.map((finding) => [finding.check, finding.symptom, finding.count])).toEqual([['problem_json', 'an error must be application/problem+json, not "…"', failures.length]]);
    const [finding] = findings;
    expect(finding!.operations.length).toBeGreaterThan(1);
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(dir, 'report.html')).href);
    await expect(page.textContent('.verdict-bad')).resolves.toBe(`1 distinct finding, ${failures.length} occurrences`);
    const section = page.locator('section.finding#D1');
    await expect(section.locator('h3').textContent()).resolves.toBe('D1 · problem_json · Error is not a valid problem');
    await expect(section.locator('p strong').first().textContent()).resolves.toBe(`${failures.length} occurrences on ${finding!.operations.length} operations`);
    const occurrences = section.locator('details.occurrence');
    await expect(occurrences.count()).resolves.toBe(failures.length);
    await expect(occurrences.first().locator('pre').first().isVisible()).resolves.toBe(true);
    await expect(occurrences.nth(1).locator('pre').first().isVisible()).resolves.toBe(false);
    await page.screenshot({ path: join(SHOTS, 'report-grouped.png'), fullPage: true });
    // A closed occurrence opens on a click, with its request and replay command like the first.
    await occurrences.nth(1).locator('summary').click();
    await expect(occurrences.nth(1).locator('pre').last().textContent()).resolves.toMatch(/--checks problem_json --suite \w+ --seed 2 --path \d/);
    await occurrences.nth(1).screenshot({ path: join(SHOTS, 'report-grouped-second-occurrence.png') });
    await page.close();
  }, 60_000);
});
