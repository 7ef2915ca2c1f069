import { describe, expect, it } from 'vitest';
import { buildCoverage, fullyExercised } from '../../src/contract/coverage.js';

const operations = [
  { operationId: 'listIntegrations', method: 'GET', path: '/integrations', declaredStatuses: ['200', '401', '429'], observedStatuses: [200, 401] },
  { operationId: 'connectIntegration', method: 'POST', path: '/integrations/{kind}/connect', declaredStatuses: ['200', '400'], observedStatuses: [200, 400] },
];

describe('coverage', () => {
  it('should count the cells a check judges, leave out what the run did not set out to do, and name the gaps', () => {
    const coverage = buildCoverage(
      {
        listIntegrations: { auth_required: 'passed', connect_semantics: 'not_applicable', scope_enforced: 'not_exercised', stateful: 'skipped', body_limit: 'skipped' },
        connectIntegration: { auth_required: 'failed', connect_semantics: 'passed', scope_enforced: 'skipped', stateful: 'skipped', body_limit: 'skipped' },
      },
      new Map([['connectIntegration scope_enforced', 'every configured key holds every scope: configure a key that lacks one']]),
      // Left out by --documented-only (stateful) or run in another shard (body_limit).
      new Set(['listIntegrations stateful', 'connectIntegration stateful', 'listIntegrations body_limit', 'connectIntegration body_limit']),
      operations,
      [
        { check: 'binding_refusals', probe: 'a personal-data column in a write', exercised: false, reason: 'no write with a personal-data field' },
        { check: 'binding_refusals', probe: 'an unknown argument', exercised: true },
      ],
    );
    // auth_required ×2 and connect_semantics ×1 exercised; scope_enforced ×2 not; documented-only and shard cells not counted.
    expect(coverage.cells).toEqual({ exercised: 3, total: 5 });
    expect(coverage.notExercised).toEqual([
      { check: 'scope_enforced', operations: ['listIntegrations'] },
      { check: 'scope_enforced', reason: 'every configured key holds every scope: configure a key that lacks one', operations: ['connectIntegration'] },
    ]);
    expect(coverage.statuses).toEqual({ observed: 4, declared: 5 });
    expect(coverage.statusesNeverObserved).toEqual([{ operationId: 'listIntegrations', statuses: ['429'] }]);
    expect(coverage.probesNotSent).toEqual([{ check: 'binding_refusals', probe: 'a personal-data column in a write', reason: 'no write with a personal-data field' }]);
    expect(coverage.probesSent).toBe(1);
    expect(fullyExercised(coverage)).toBe(false);
  });

  it('should call a run fully exercised only with every cell reached and every probe sent', () => {
    const full = buildCoverage({ listIntegrations: { auth_required: 'passed', connect_semantics: 'not_applicable' } }, new Map(), new Set(), operations.slice(0, 1), []);
    expect(fullyExercised(full)).toBe(true);
    const probeMissing = buildCoverage({ listIntegrations: { auth_required: 'passed' } }, new Map(), new Set(), operations.slice(0, 1), [{ check: 'private_host_refusal', probe: 'x', exercised: false, reason: 'y' }]);
    expect(fullyExercised(probeMissing)).toBe(false);
  });
});
