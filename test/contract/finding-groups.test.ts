import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckId } from '../../src/contract/checks.js';
import { loadContract } from '../../src/contract/contract.js';
import { groupFailures, runVocabulary, symptomOf, type RunVocabulary } from '../../src/contract/finding-groups.js';
import { FINDING_TITLES, type FindingKind } from '../../src/contract/findings.js';
import type { ReportFailure } from '../../src/contract/report.js';
import { BUILT_IN_DATA, testConfigOf } from '../../src/mock/mock-data.js';
import { defaultSpecPath } from '../../src/spec/load-spec.js';

/** An occurrence as build-report makes it, with only what grouping reads filled in with meaning. */
function occurrence(id: number, check: CheckId, kind: FindingKind, operationId: string, message: string): ReportFailure {
  return { id: `F${id}`, check, kind, title: FINDING_TITLES[kind], operationId, message, steps: [], seed: 1, path: '0', suite: check, replayChecks: [check], replay: `flowyte-contract test --seed 1 --path 0 # F${id}` };
}

/** Each message as (check, kind, operation, message) in order; ids F1, F2, … */
const occurrences = (...found: Array<[CheckId, FindingKind, string, string]>) => found.map(([check, kind, operationId, message], i) => occurrence(i + 1, check, kind, operationId, message));

let vocabulary: RunVocabulary;
let operationIds: string[];
beforeAll(async () => {
  const contract = await loadContract(defaultSpecPath());
  vocabulary = runVocabulary(contract, testConfigOf(BUILT_IN_DATA, 'http://127.0.0.1:4010/api/v1'));
  operationIds = contract.operations.map((operation) => operation.operationId);
});

describe('symptomOf', () => {
  it.each([
    ["the problem's status 404 differs from the HTTP status 400", "the problem's status <n> differs from the HTTP status <n>"],
    ['status 418 is not declared (declared: 200, 401, 403)', 'status <n> is not declared (declared: …)'],
    ['content type "text/html" is not declared (declared: application/json, application/problem+json)', 'content type "…" is not declared (declared: …)'],
    ['invalid body (malformed JSON): expected 4xx, got 500', 'invalid body (malformed JSON): expected 4xx, got <n>'],
    ['data[3].createdAt must match format "date-time"; data[3].id is required', 'data[<n>].createdAt must match format "…"; data[<n>].id is required'],
    ['GET /integrations/shopify/schema: timeout (no whole answer within 10000 ms)', '<request>: timeout (no whole answer within <n> ms)'],
    ['scoping read {"blockedTables":["orders"],"blockedColumns":[]}, the model expects {"blockedTables":[],"blockedColumns":[]}', 'scoping read {…}, the model expects {…}'],
    ['answered 200 without naming credentials.host in errors[]', 'answered <n> without naming credentials.host in errors[]'],
  ])('should mask what varies per request in %j', (message, symptom) => {
    expect(symptomOf({ message })).toBe(symptom);
  });

  it("should mask the run's own names (operations, kinds, keys, organizations, scopes) and ids by their role", () => {
    expect(symptomOf({ message: 'key acme_reader lacks integrations:write, skills:write: expected 403, got 200' }, vocabulary)).toBe('key <key> lacks <scope>: expected <n>, got <n>');
    expect(symptomOf({ message: "key globex_admin of globex reached acme's shopify: got 200" }, vocabulary)).toBe("key <key> of <org> reached <org>'s <kind>: got <n>");
    expect(symptomOf({ message: 'the same installIntegrationPack on google_calendar answered 200, then 500' }, vocabulary)).toBe('the same <operation> on <kind> answered <n>, then <n>');
    expect(symptomOf({ message: 're-running provisionIntegrationActions on mysql: skills not answered again with the same id: lookup (skl_01HX9A → absent)' }, vocabulary)).toBe(
      're-running <operation> on <kind>: skills not answered again with the same id: lookup (<id> → absent)',
    );
  });

  it("should mask the stateful suite's trail of steps, which is the run's own sequence", () => {
    const trails = ['connect(shopify) → discover(shopify)', 'list() → connect(postgres) → bind(postgres, 2) → discover(postgres)'];
    const symptoms = trails.map((trail) => symptomOf({ message: `discover of connected shopify: expected 200, got 500 (the model rests on this sequence's steps as acme_admin in acme: ${trail})` }, vocabulary));
    expect(new Set(symptoms)).toEqual(new Set(["discover of connected <kind>: expected <n>, got <n> (the model rests on this sequence's steps as <key> in <org>: <steps>)"]));
  });

  it('should leave a name alone inside a longer word', () => {
    expect(symptomOf({ message: 'squareness of acme_admins' }, vocabulary)).toBe('squareness of acme_admins');
  });
});

describe('groupFailures', () => {
  it('should make one finding of a missing title met 43 times on 12 operations, each occurrence kept', () => {
    const operations = operationIds.slice(0, 12);
    expect(operations).toHaveLength(12);
    const failures = Array.from({ length: 43 }, (_, i) => occurrence(i + 1, 'problem_json', 'not_problem', operations[i % 12]!, 'the problem has no title'));
    const [finding, ...others] = groupFailures(failures, vocabulary);
    expect(others).toEqual([]);
    expect(finding).toEqual({
      id: 'D1',
      check: 'problem_json',
      kind: 'not_problem',
      title: 'Error is not a valid problem',
      symptom: 'the problem has no title',
      message: 'the problem has no title',
      operations,
      occurrences: failures.map((failure) => failure.id),
      count: 43,
    });
  });

  it("should make one finding of problems whose status differs from the HTTP status, whatever the numbers", () => {
    const found = groupFailures(
      occurrences(
        ['problem_json', 'not_problem', 'getIntegrationSchema', "the problem's status 404 differs from the HTTP status 400"],
        ['problem_json', 'not_problem', 'connectIntegration', "the problem's status 409 differs from the HTTP status 422"],
        ['problem_json', 'not_problem', 'connectIntegration', "the problem's status undefined differs from the HTTP status 401"],
      ),
    );
    expect(found.map((f) => [f.id, f.symptom, f.occurrences, f.operations])).toEqual([
      ['D1', "the problem's status <n> differs from the HTTP status <n>", ['F1', 'F2'], ['getIntegrationSchema', 'connectIntegration']],
      // no status at all is another symptom than a wrong one
      ['D2', "the problem's status undefined differs from the HTTP status <n>", ['F3'], ['connectIntegration']],
    ]);
    expect(found[0]!.message).toBe("the problem's status 404 differs from the HTTP status 400");
  });

  it('should keep apart what different checks found, and clearly different messages of one check', () => {
    const found = groupFailures(
      occurrences(
        ['status_code_declared', 'undeclared_status', 'listIntegrations', 'status 500 is not declared (declared: 200, 401, 403)'],
        ['not_a_server_error', 'server_error', 'listIntegrations', 'answered 500 to a client request'],
        ['problem_json', 'not_problem', 'listIntegrations', 'the problem has no title'],
        ['problem_json', 'not_problem', 'connectIntegration', 'the problem body is not a JSON object'],
        ['not_a_server_error', 'server_error', 'connectIntegration', 'answered 503 to a client request'],
        ['status_code_declared', 'undeclared_status', 'connectIntegration', 'status 502 is not declared (declared: 200, 400, 401, 403, 409, 422)'],
      ),
      vocabulary,
    );
    expect(found.map((f) => [f.id, f.check, f.occurrences])).toEqual([
      ['D1', 'status_code_declared', ['F1', 'F6']],
      ['D2', 'not_a_server_error', ['F2', 'F5']],
      ['D3', 'problem_json', ['F3']],
      ['D4', 'problem_json', ['F4']],
    ]);
  });

  it('should keep apart one message met with answers of different classes: a check left out (200) is not a crash (500)', () => {
    const withStatus = (failure: ReportFailure, status: number): ReportFailure => ({ ...failure, response: { status, headers: {}, bodyExcerpt: '' } });
    const [a, b, c] = occurrences(
      ['scope_enforced', 'unexpected_status', 'listIntegrations', 'key acme_reader lacks integrations:write: expected 403, got 200'],
      ['scope_enforced', 'unexpected_status', 'connectIntegration', 'key acme_reader lacks integrations:connect: expected 403, got 201'],
      ['scope_enforced', 'unexpected_status', 'disconnectIntegration', 'key acme_reader lacks integrations:write: expected 403, got 500'],
    );
    const found = groupFailures([withStatus(a!, 200), withStatus(b!, 201), withStatus(c!, 500)], vocabulary);
    expect(found.map((f) => f.occurrences)).toEqual([['F1', 'F2'], ['F3']]);
  });

  it('should leave field names with a digit alone, and mask ids', () => {
    expect(symptomOf({ message: 'data[0].address_line1 must be string; phone_2 is required; skill skl_3fa9b2c1' })).toBe('data[<n>].address_line1 must be string; phone_2 is required; skill <id>');
  });

  it("should group a scope left unenforced on operations that need different scopes, by the run's vocabulary", () => {
    const failures = occurrences(
      ['scope_enforced', 'unexpected_status', 'connectIntegration', 'key acme_reader lacks integrations:write: expected 403, got 200'],
      ['scope_enforced', 'unexpected_status', 'installIntegrationPack', 'key acme_reader lacks integrations:write, skills:write: expected 403, got 201'],
    );
    expect(groupFailures(failures, vocabulary).map((f) => f.count)).toEqual([2]);
    // Without it the scope lists tell them apart.
    expect(groupFailures(failures).map((f) => f.count)).toEqual([1, 1]);
  });

  it('should put every occurrence in exactly one finding, numbered in the order first met', () => {
    const messages = fc.constantFrom<[CheckId, FindingKind, string]>(
      ['problem_json', 'not_problem', 'the problem has no title'],
      ['problem_json', 'not_problem', "the problem's status 404 differs from the HTTP status 400"],
      ['problem_json', 'not_problem', "the problem's status 500 differs from the HTTP status 502"],
      ['not_a_server_error', 'server_error', 'answered 500 to a client request'],
      ['auth_required', 'unexpected_status', 'expected 401 for Authorization "Bearer x", got 200'],
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(messages, fc.constantFrom('listIntegrations', 'connectIntegration', 'provisionIntegrationActions'))), (found) => {
        const failures = found.map(([[check, kind, message], operationId], i) => occurrence(i + 1, check, kind, operationId, message));
        const groups = groupFailures(failures, vocabulary);
        expect(groups.flatMap((group) => group.occurrences).sort()).toEqual(failures.map((failure) => failure.id).sort());
        expect(groups.map((group) => group.id)).toEqual(groups.map((_, i) => `D${i + 1}`));
        const firsts = groups.map((group) => Number(group.occurrences[0]!.slice(1)));
        expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
        for (const group of groups) {
          const members = failures.filter((failure) => group.occurrences.includes(failure.id));
          expect(group.count).toBe(members.length);
          expect(new Set(members.map((member) => `${member.check} ${symptomOf(member, vocabulary)}`)).size).toBe(1);
          expect(group.operations).toEqual([...new Set(members.map((member) => member.operationId))]);
        }
      }),
    );
  });
});
