import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { BROKEN_VARIANTS } from '../contract/broken-variants.js';
import { captureIo, serveMock, writeTestConfig } from '../support/served-mock.js';
import { proxyTo } from './proxy-fixture.js';

/**
 * The variants that accept a request the contract refuses, which one exchange shows: the suites' negative data sent
 * through the proxy (the suite judged too, so that the test knows the variant was reached), and the proxy's log
 * must name negative_data_rejection as the suite does.
 */
describe('the proxy in front of a mock that accepts invalid requests', () => {
  it.each(BROKEN_VARIANTS.filter((variant) => variant.caughtBy === 'negative_data_rejection').map((variant) => [variant.name, variant] as const))(
    'should flag negative_data_rejection on a mock that %s',
    async (_, variant) => {
      const mock = await serveMock(variant.handle);
      const proxy = await proxyTo(mock.baseUrl);
      try {
        const { io } = captureIo();
        const exitCode = await main(['test', '--config', writeTestConfig(proxy.baseUrl), '--checks', 'negative_data_rejection', '--seed', '7', '--runs', '100', '--report-dir', `${process.env.TMPDIR ?? '/tmp'}/flowyte-proxy-negative-${process.pid}`], io);
        expect(exitCode).toBe(1); // the suite, through the proxy, caught it: the variant was reached
        expect(proxy.violationLines().some((line) => line.includes(' negative_data_rejection ')), proxy.log()).toBe(true);
      } finally {
        await proxy.close();
        await mock.close();
      }
    },
    60_000,
  );

  it('should flag nothing of the kind in front of the correct mock', async () => {
    const mock = await serveMock();
    const proxy = await proxyTo(mock.baseUrl);
    try {
      const { io } = captureIo();
      expect(await main(['test', '--config', writeTestConfig(proxy.baseUrl), '--checks', 'negative_data_rejection', '--seed', '7', '--runs', '100', '--report-dir', `${process.env.TMPDIR ?? '/tmp'}/flowyte-proxy-negative-ok-${process.pid}`], io)).toBe(0);
      expect(proxy.violationLines().filter((line) => line.includes(' negative_data_rejection '))).toEqual([]);
    } finally {
      await proxy.close();
      await mock.close();
    }
  }, 60_000);
});
