import { dirname, join } from 'node:path';
import { lint, lintFromString, loadConfig, type NormalizedProblem } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { defaultSpecPath } from '../src/spec/load-spec.js';

// Redocly's `recommended` ruleset, as redocly.yaml configures it, over the packaged openapi.yaml. A warning is
// as much a failure as an error: each one is either fixed in openapi.yaml or turned off in redocly.yaml with
// a comment giving the reason. Offline: openapi.yaml has no external $ref and the ruleset ships in the package.
const SPEC = defaultSpecPath();
const CONFIG = join(dirname(SPEC), 'redocly.yaml');

// A valid document that breaks recommended rules of both severities.
const BROKEN = `openapi: 3.1.0
info: { title: Broken, version: '1' }
paths:
  /things:
    get:
      responses:
        '200':
          description: The things.
          content:
            application/json:
              schema: { type: array }
              example: 5
`;

/** One line per finding, so that a failing assertion prints them: `warn rule-id #/pointer: message`. */
function describeProblems(problems: readonly NormalizedProblem[]): string[] {
  return problems.map((problem) => {
    const pointer = problem.location[0]?.pointer ?? '#';
    return `${problem.severity} ${problem.ruleId} ${pointer}: ${problem.message}`;
  });
}

describe('Redocly recommended (redocly.yaml)', () => {
  it('should find no error and no warning in openapi.yaml', async () => {
    const config = await loadConfig({ configPath: CONFIG });
    const problems = await lint({ ref: SPEC, config });
    // Problems a .redocly.lint-ignore.yaml lists come back marked `ignored` and fail here too: a rule is
    // turned off only in redocly.yaml, beside its reason.
    expect(describeProblems(problems)).toEqual([]);
  });

  it('should apply the recommended rules, errors and warnings alike, to a broken document', async () => {
    const config = await loadConfig({ configPath: CONFIG });
    const problems = await lintFromString({ source: BROKEN, absoluteRef: join(dirname(SPEC), 'broken.yaml'), config });
    const found = problems.map((problem) => `${problem.severity} ${problem.ruleId}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'error no-empty-servers',
        'error operation-summary',
        'error security-defined',
        'warn operation-operationId',
        'warn operation-4xx-response',
        'warn no-invalid-media-type-examples',
      ]),
    );
  });
});
