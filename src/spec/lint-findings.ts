import type { ResponseObject } from './openapi-types.js';
import type { SpecOperation } from './operations.js';
import type { LintFinding, LintRuleId } from './lint-rules.js';

// The helpers that the contract rules (lint-rules.ts, example-rules.ts) share to select responses and word findings.

export function finding(rule: LintRuleId, operation: SpecOperation, message: string, status?: string): LintFinding {
  return findingAt(rule, operation, status === undefined ? undefined : `responses.${status}`, message);
}

/** A finding at a part of the operation: `requestBody`, `responses.200`, or the operation itself. */
export function findingAt(rule: LintRuleId, operation: SpecOperation, where: string | undefined, message: string): LintFinding {
  const location = where === undefined ? locate(operation) : `${locate(operation)} ${where}`;
  return { rule, location, message };
}

export function locate(operation: SpecOperation): string {
  return `${operation.method.toUpperCase()} ${operation.pathTemplate}`;
}

export function isErrorStatus(status: string): boolean {
  return status === 'default' || /^[45](\d\d|XX)$/i.test(status);
}

export function isSuccessStatus(status: string): boolean {
  return /^2(\d\d|XX)$/i.test(status);
}

export function responsesWhere(operation: SpecOperation, test: (status: string) => boolean): Array<[string, ResponseObject]> {
  return Object.entries(operation.responses).filter(([status]) => test(status));
}

