import { readFile } from 'node:fs/promises';
import autocannon from 'autocannon';
import type { Scenario } from './scenarios.js';

/** What one load run of one scenario against one server measured. */
export interface LoadFigures {
  readonly requestsPerSec: number;
  readonly p99Ms: number;
  readonly total: number;
  readonly non2xx: number;
  /** Socket errors other than timeouts (autocannon counts timeouts as errors too). */
  readonly errors: number;
  readonly timeouts: number;
  /** Answers per HTTP status, so a server answering errors quickly is visible as such. */
  readonly statusCodes: Readonly<Record<string, number>>;
}

/** Concurrent connections held open by the load generator. */
export const CONNECTIONS = 50;

/** Loads `origin + basePath + scenario.path` for `durationSec` seconds; rejects only if autocannon itself fails. */
export async function runLoad(url: string, scenario: Scenario, durationSec: number): Promise<LoadFigures> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: durationSec,
    method: scenario.method,
    headers: scenario.headers,
    ...(scenario.body === undefined ? {} : { body: scenario.body }),
  });
  const statusCodes: Record<string, number> = {};
  for (const [status, { count }] of Object.entries(result.statusCodeStats)) statusCodes[status] = count;
  return {
    requestsPerSec: result.requests.mean,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors - result.timeouts,
    timeouts: result.timeouts,
    statusCodes,
  };
}

/** Resident set size of a live process in MB (MiB), from `VmRSS` in /proc/<pid>/status. */
export async function readRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(kb) / 1024;
}
