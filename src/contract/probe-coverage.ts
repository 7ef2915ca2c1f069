import type { CheckId } from './checks.js';

/** A named probe of a check (say, "a loopback host"), and whether any run could send it. */
export interface ProbeCoverage {
  readonly check: CheckId;
  readonly probe: string;
  readonly exercised: boolean;
  /** Why it could not be sent, when it never was. */
  readonly reason?: string;
}

/** The probes the suites sent or could not arrange, over a whole test run: the report's honest account. */
export class ProbeRecord {
  private readonly probes = new Map<string, ProbeCoverage>();

  constructor(private readonly selected: ReadonlySet<CheckId>) {}

  sent(check: CheckId, probe: string): void {
    if (this.selected.has(check)) this.probes.set(`${check} ${probe}`, { check, probe, exercised: true });
  }

  /** Kept unless some run sends the probe after all. */
  notSent(check: CheckId, probe: string, reason: string): void {
    const key = `${check} ${probe}`;
    if (this.selected.has(check) && !this.probes.get(key)?.exercised) this.probes.set(key, { check, probe, exercised: false, reason });
  }

  /** Every probe recorded, sorted. */
  list(): ProbeCoverage[] {
    return [...this.probes.values()].sort((a, b) => `${a.check} ${a.probe}`.localeCompare(`${b.check} ${b.probe}`));
  }
}
