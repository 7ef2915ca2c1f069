import type { Report } from '../contract/report.js';

/** What a report's exchanges came from, in a few words: a test run (seed, runs) or a recording (`check --har`). */
export function runLine(report: Report): string {
  const { source } = report;
  if (source) return `recording ${source.har}: ${source.entries} entries, ${source.judged} judged (${source.scope})`;
  return `seed ${report.seed}, ${report.runs} runs per property, ${report.requests} requests in ${(report.durationMs / 1000).toFixed(1)} s`;
}
