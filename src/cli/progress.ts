import type { CheckId } from '../contract/checks.js';
import type { RunEvent } from '../contract/runner.js';
import type { CliIo } from './io.js';

const HEARTBEAT_MS = 10_000;
const REDRAW_MS = 100;

interface SuiteProgress {
  done: number;
  total: number;
  requests: number;
  readonly started: number;
}

/**
 * The test command's progress. On a terminal, a live line per check under way (runs done of total,
 * requests, elapsed), redrawn in place; without one (a CI log), the start and end of each check and a line at
 * most every 10 s, so the log shows the run is alive.
 */
export class ProgressPrinter {
  private readonly active = new Map<CheckId, SuiteProgress>();
  private requests = 0;
  private drawn = 0;
  private readonly timer: NodeJS.Timeout;
  private lastLine = Date.now();

  constructor(
    private readonly io: CliIo,
    private readonly started = Date.now(),
  ) {
    this.timer = setInterval(() => (io.isTTY ? this.redraw() : this.heartbeat()), io.isTTY ? REDRAW_MS : HEARTBEAT_MS);
    this.timer.unref();
  }

  readonly handle = (event: RunEvent): void => {
    switch (event.type) {
      case 'exchange':
      {
        this.requests++;
        const suite = event.suite && this.active.get(event.suite);
        if (suite) suite.requests++;
        return;
      }
      case 'suite-start':
        this.active.set(event.id, { done: 0, total: 0, requests: 0, started: Date.now() });
        if (!this.io.isTTY) this.print(`  … ${event.id}\n`);
        return;
      case 'run-end': {
        const suite = this.active.get(event.id);
        if (suite) Object.assign(suite, { done: event.done, total: event.total });
        return;
      }
      case 'suite-end':
        this.active.delete(event.id);
        this.print(`  ${event.status === 'passed' ? '✔' : '✘'} ${event.id}${event.findings ? ` (${event.findings} finding(s))` : ''}\n`);
        return;
      case 'suite-skipped':
        this.print(`  – ${event.id} skipped: ${event.reason}\n`);
    }
  };

  /** Stops redrawing and clears the live lines. */
  finish(): void {
    clearInterval(this.timer);
    this.erase();
  }

  private print(text: string): void {
    this.erase();
    this.io.stdout(text);
    this.lastLine = Date.now();
    if (this.io.isTTY) this.redraw();
  }

  private redraw(): void {
    this.erase();
    const lines = [...this.active].map(([id, s]) => `  ⋯ ${id.padEnd(26)} ${s.done}/${s.total || '?'} runs · ${s.requests} requests · ${seconds(Date.now() - s.started)}`);
    lines.push(`    ${this.requests} requests · ${seconds(Date.now() - this.started)}`);
    this.io.stdout(lines.map((line) => `\x1b[2K${line}\n`).join(''));
    this.drawn = lines.length;
  }

  private erase(): void {
    if (!this.io.isTTY || !this.drawn) return;
    this.io.stdout(`\x1b[${this.drawn}A\x1b[0J`);
    this.drawn = 0;
  }

  private heartbeat(): void {
    if (Date.now() - this.lastLine < HEARTBEAT_MS - 50) return;
    const under = [...this.active].map(([id, s]) => `${id} ${s.done}/${s.total || '?'}`).join(', ');
    this.print(`  … ${this.requests} requests, ${seconds(Date.now() - this.started)}${under ? `: ${under}` : ''}\n`);
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
