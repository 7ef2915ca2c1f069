import { loadContract, type Contract } from '../../src/contract/contract.js';
import { startProxy, type ProxySettings, type RunningProxy } from '../../src/proxy/proxy-server.js';
import { parseTarget } from '../../src/proxy/target.js';
import { defaultSpecPath } from '../../src/spec/load-spec.js';

let contract: Promise<Contract> | undefined;

/** The packaged contract, loaded and compiled once per test file. */
export const packagedContract = () => (contract ??= loadContract(defaultSpecPath()));

export interface TestProxy extends RunningProxy {
  /** Everything logged so far. */
  log(): string;
  /** The log's violation lines (every line naming a check). */
  violationLines(): string[];
}

/** The proxy in front of `target` (a base URL with /api/v1) on a free loopback port, its log kept. */
export async function proxyTo(target: string, settings: Partial<ProxySettings> = {}): Promise<TestProxy> {
  const lines: string[] = [];
  const proxy = await startProxy({
    contract: await packagedContract(),
    target: parseTarget(target),
    port: 0,
    host: '127.0.0.1',
    timeoutMs: 10_000,
    maxBodyBytes: 1024 * 1024,
    log: (text) => void lines.push(text),
    ...settings,
  });
  const log = () => lines.join('');
  return { ...proxy, log, violationLines: () => log().split('\n').filter((line) => / (error|warning): /.test(line)) };
}

/** The parsed `x-flowyte-violations` header of an answer (none: an empty list). */
export function violationsOf(response: Response): Array<{ check: string; location: string; severity: string; message: string }> {
  const header = response.headers.get('x-flowyte-violations');
  return header ? JSON.parse(header) : [];
}

export const ADMIN_KEY = 'flowyte_sk_test_acme_admin';
export const auth = { authorization: `Bearer ${ADMIN_KEY}` };
export const json = { 'content-type': 'application/json', ...auth };
