import type { BenchReport, ServerResult } from './bench-report.js';

/** One target checked against one figure; `pass` is undefined when a figure is missing. */
export interface TargetOutcome {
  readonly label: string;
  readonly figure: string;
  readonly target: string;
  readonly pass: boolean | undefined;
}

type Target = (report: BenchReport) => readonly TargetOutcome[];

function server(report: BenchReport, name: string): ServerResult | undefined {
  return report.servers.find((candidate) => candidate.name === name);
}

function outcome(label: string, target: string, value: number | undefined, show: (value: number) => string, pass: (value: number) => boolean): TargetOutcome {
  if (value === undefined || !Number.isFinite(value)) return { label, figure: 'n/a', target, pass: undefined };
  return { label, figure: show(value), target, pass: pass(value) };
}

/** mock req/s over `other` req/s for each scenario. */
function ratioTarget(other: string, target: string, show: (ratio: number) => string, pass: (ratio: number) => boolean): Target {
  return (report) =>
    report.scenarios.map((scenario) => {
      const mine = server(report, 'mock')?.loads.get(scenario)?.requestsPerSec;
      const theirs = server(report, other)?.loads.get(scenario)?.requestsPerSec;
      const ratio = mine === undefined || theirs === undefined ? undefined : mine / theirs;
      return outcome(`mock/${other} req/s, ${scenario}`, target, ratio, show, pass);
    });
}

/** The performance targets for the mock, each read off the report; the bench prints them and never fails on them. */
export const TARGETS: readonly Target[] = [
  ratioTarget('prism', '≥ 15×', (ratio) => `${ratio.toFixed(1)}×`, (ratio) => ratio >= 15),
  ratioTarget('bare', '≥ 50%', (ratio) => `${(ratio * 100).toFixed(0)}%`, (ratio) => ratio >= 0.5),
  (report) =>
    report.scenarios.map((scenario) =>
      outcome(`mock p99, ${scenario}`, '< 5 ms', server(report, 'mock')?.loads.get(scenario)?.p99Ms, (ms) => `${ms} ms`, (ms) => ms < 5),
    ),
  (report) => [outcome('createMockCore(), warm process', '< 50 ms', report.coreCreation.warmMedianMs, (ms) => `${ms.toFixed(2)} ms`, (ms) => ms < 50)],
  (report) => {
    const bare = server(report, 'bare')?.startupMs;
    const beside = bare === undefined ? '' : ` (bare node:http ${bare.toFixed(0)} ms)`;
    return [outcome('mock start-up, spawn to first answer', '< 250 ms', server(report, 'mock')?.startupMs, (ms) => `${ms.toFixed(0)} ms${beside}`, (ms) => ms < 250)];
  },
  (report) => [outcome('mock RSS after load', '< 150 MB', server(report, 'mock')?.rssAfterLoadMb, (mb) => `${mb.toFixed(1)} MB`, (mb) => mb < 150)],
];
