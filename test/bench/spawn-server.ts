import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Scenario } from './scenarios.js';
import type { ServerDefinition } from './servers.js';

/** A server child that answered its readiness probe. */
export interface RunningServer {
  readonly name: string;
  readonly pid: number;
  readonly origin: string;
  /** The base path that answered 2xx at start-up. */
  readonly basePath: string;
  /** From spawn to the first 2xx answer. */
  readonly startupMs: number;
  /** Non-2xx answers to the start-up probe, as `base: status` (e.g. a base path the server does not serve). */
  readonly probeAnswers: readonly string[];
  /** Why the child is gone, or undefined while it runs. */
  readonly exited: () => string | undefined;
  readonly stop: () => Promise<void>;
}

const POLL_MS = 10;
const STARTUP_CAP_MS = 30_000;
const STOP_GRACE_MS = 3_000;
const TAIL_CHARS = 2_000;

const live = new Set<ChildProcess>();

/** SIGKILLs every child still running; synchronous so it can run from an `exit` handler. */
export function killAllServers(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}

/** One request with a fresh socket: the status, or undefined when nothing answers yet. */
function probeStatus(url: string, scenario: Scenario): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = request(url, { method: scenario.method, headers: scenario.headers, agent: false, timeout: 1_000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.once('error', () => resolve(undefined));
    req.once('timeout', () => req.destroy());
    req.end(scenario.body);
  });
}

/**
 * Spawns `node <definition.args>` and polls the probe every ~10 ms on each base path until one answers 2xx.
 * Rejects with one readable message if the child exits first or nothing answers 2xx within 30 s.
 */
export async function startServer(definition: ServerDefinition, port: number, probe: Scenario): Promise<RunningServer> {
  const origin = `http://127.0.0.1:${port}`;
  const startedAt = performance.now();
  const child = spawn(process.execPath, definition.args(port), { stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  // Keep only the tail of the output: enough to explain a failed start, and the pipes never fill up.
  let tail = '';
  const keep = (chunk: Buffer): void => void (tail = (tail + chunk.toString()).slice(-TAIL_CHARS));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exitReason: string | undefined;
  const exitedPromise = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exitReason = signal === null ? `exit code ${code}` : `signal ${signal}`;
      live.delete(child);
      resolve();
    }),
  );
  child.once('error', (error) => void (exitReason = `spawn failed: ${error.message}`));

  const seen: string[] = [];
  let basePath: string | undefined;
  while (basePath === undefined) {
    if (exitReason !== undefined) throw new Error(`${definition.name} stopped before answering (${exitReason}): ${tail.trim()}`);
    if (performance.now() - startedAt > STARTUP_CAP_MS) {
      child.kill('SIGKILL');
      throw new Error(`${definition.name} gave no 2xx on ${probe.method} ${probe.path} within 30 s (statuses seen: ${seen.join(', ') || 'none'})`);
    }
    for (const base of definition.basePaths) {
      const status = await probeStatus(`${origin}${base}${probe.path}`, probe);
      if (status !== undefined && status >= 200 && status < 300) {
        basePath = base;
        break;
      }
      if (status !== undefined && !seen.includes(`${base || '/'}: ${status}`)) seen.push(`${base || '/'}: ${status}`);
    }
    if (basePath === undefined) await sleep(POLL_MS);
  }
  const startupMs = performance.now() - startedAt;

  const stop = async (): Promise<void> => {
    if (exitReason !== undefined) return;
    child.kill('SIGTERM');
    const grace = sleep(STOP_GRACE_MS, undefined, { ref: false }).then(() => 'late' as const);
    if ((await Promise.race([exitedPromise, grace])) === 'late') child.kill('SIGKILL');
    await exitedPromise;
  };
  return { name: definition.name, pid: child.pid ?? 0, origin, basePath, startupMs, probeAnswers: seen, exited: () => exitReason, stop };
}
