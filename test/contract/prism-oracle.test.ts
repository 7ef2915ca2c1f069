import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUITES } from '../../contracts/index.js';
import { CHECK_IDS } from '../../src/contract/checks.js';
import { parseTestConfig } from '../../src/contract/config.js';
import { loadContract } from '../../src/contract/contract.js';
import type { Exchange } from '../../src/contract/exchange.js';
import { runContracts } from '../../src/contract/runner.js';
import { defaultSpecPath } from '../../src/spec/load-spec.js';
import { BUILT_IN_DATA, testConfigOf } from '../../src/mock/mock-data.js';
import { startPrism, type RunningPrism } from '../support/prism.js';
import { serveMock, type ServedMock } from '../support/served-mock.js';

const config = (target: string) => parseTestConfig(testConfigOf(BUILT_IN_DATA, target), 'built-in', {});

/** Prism's verdicts on one exchange: the `sl-violations` it found in the response (not in our deliberately invalid requests). */
function responseViolations(exchange: Exchange): unknown[] {
  const header = exchange.response.headers['sl-violations'];
  if (!header) return [];
  return (JSON.parse(header) as Array<{ location: string[] }>).filter((violation) => violation.location[0] === 'response');
}

describe('an independent oracle: Prism', () => {
  let mock: ServedMock;
  let proxy: RunningPrism;
  let stateless: RunningPrism;
  beforeAll(async () => {
    mock = await serveMock();
    [proxy, stateless] = await Promise.all([startPrism('proxy', mock.baseUrl), startPrism('mock')]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([proxy?.stop(), stateless?.stop(), mock?.close()]);
  });

  it("should find no violation in the mock's traffic when the suites run through prism proxy", async () => {
    const contract = await loadContract(defaultSpecPath());
    const exchanges: Exchange[] = [];
    const report = await runContracts({
      contract,
      config: config(proxy.baseUrl),
      suites: SUITES,
      // Prism's proxy parses a JSON body and forwards it serialized again: a body padded over the limit reaches
      // the mock small, so body_limit would judge Prism's forwarding rather than the mock.
      checks: CHECK_IDS.filter((id) => id !== 'body_limit'),
      seed: 5,
      runs: 10,
      onEvent: (event) => {
        if (event.type === "exchange") exchanges.push(event.exchange);
      },
    });
    expect(exchanges.length).toBeGreaterThan(300);
    expect(exchanges.flatMap(responseViolations)).toEqual([]);
    // Prism answers malformed JSON itself, without asking the mock: those answers are Prism's, not the mock's.
    const prismOwn = (bodyExcerpt = '') => bodyExcerpt.includes('"code":"invalid_json"');
    const mockFailures = report.failures.filter((f) => !prismOwn(f.response?.bodyExcerpt));
    expect(mockFailures.map((f) => `${f.check} ${f.operationId}: ${f.message}`)).toEqual([]);
  }, 120_000);

  it('should catch a stateless, schema-driven mock (prism mock) on the checks that need state', async () => {
    const contract = await loadContract(defaultSpecPath());
    const report = await runContracts({ contract, config: config(stateless.baseUrl), suites: SUITES, seed: 5, runs: 30 });
    const failed = report.checks.filter((c) => c.status === 'failed').map((c) => c.id);
    // The README lists these: what a stateful contract test catches that a schema-driven mock cannot pass.
    expect(failed).toEqual(expect.arrayContaining(['auth_required', 'scope_enforced', 'tenant_isolation', 'problem_json', 'connect_semantics', 'scoping_semantics', 'stateful']));
    console.info(`checks that catch prism mock: ${failed.join(', ')}`);
  }, 120_000);
});
