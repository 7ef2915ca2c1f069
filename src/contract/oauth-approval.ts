import { spawn } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';
import type { ApprovalStep } from './config.js';

/** What an approval step is told about the authorization to approve. */
export interface ApprovalInput {
  readonly oauthUrl: string;
  readonly kind: string;
  /** The organization's label in the test config. */
  readonly org: string;
  /**
   * Secrets the step must neither quote nor inherit: the configured keys' tokens. A command's environment loses every
   * variable holding one (an approval script has no business with the API keys).
   */
  readonly hide?: readonly string[];
}

export type ApprovalOutcome = { readonly approved: true } | { readonly approved: false; readonly reason: string };

type ApprovalRequest = Extract<ApprovalStep, { request: unknown }>['request'];
type Redact = (text: string) => string;

const APPROVED: ApprovalOutcome = { approved: true };
const ABORTED: ApprovalOutcome = { approved: false, reason: 'aborted' };
const OUTPUT_CAP_BYTES = 64 * 1024;
const REASON_LINE_MAX_CHARS = 200;
/** How long a stopped command gets to exit on SIGTERM (a browser script closing its browser) before SIGKILL. */
const KILL_GRACE_MS = 1_000;
/** How long to wait for the output after the command exited: a process it left behind may hold the pipes open. */
const OUTPUT_DRAIN_MS = 200;
/** Shorter values are not worth hiding, and hiding them would garble every message (`-e`, `1`). */
const MIN_SECRET_LENGTH = 4;
const PLACEHOLDER = /\{(oauthUrl|kind|org)\}/g;

/**
 * Approves an authorization the suites started, the way the test config says: sends its request (approved on a
 * 2xx) or runs its command (approved on exit 0), within the step's time limit and until `signal` aborts. A step
 * that fails comes back as a reason, never as an error. The oauthUrl may hold a one-time state, and header
 * values, the body and command arguments may hold secrets: a reason quotes none of them.
 */
export async function runApproval(step: ApprovalStep, input: ApprovalInput, signal?: AbortSignal): Promise<ApprovalOutcome> {
  if (signal?.aborted) return ABORTED;
  if ('request' in step) return sendApprovalRequest(step.request, input, step.timeoutMs, signal);
  return runApprovalCommand(step.command, input, step.timeoutMs, signal);
}

async function sendApprovalRequest(request: ApprovalRequest, input: ApprovalInput, timeoutMs: number, signal: AbortSignal | undefined): Promise<ApprovalOutcome> {
  const url = fill(request.url, input, encodeURIComponent);
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, fill(value, input)]));
  const body = request.body === undefined ? undefined : fill(request.body, input);
  const redact = redactorOf(input, [url, request.url, ...Object.values(headers), body, ...(input.hide ?? [])]);
  const deadline = AbortSignal.timeout(timeoutMs);
  try {
    // No redirects: a header (a token) would travel along to wherever the answer points.
    const response = await fetch(url, { method: request.method, headers, body, redirect: 'manual', signal: signal ? AbortSignal.any([deadline, signal]) : deadline });
    // Only the status counts; cancelling the body frees the connection.
    await response.body?.cancel().catch(() => {});
    if (response.ok) return APPROVED;
    const redirect = response.status >= 300 && response.status < 400 ? ' (redirects are not followed)' : '';
    return { approved: false, reason: `approval request answered ${response.status}${redirect}` };
  } catch (error) {
    if (signal?.aborted) return ABORTED;
    if (deadline.aborted) return timedOut(timeoutMs);
    // fetch wraps the network error ("fetch failed"): its cause says what went wrong
    const cause = (error as { cause?: unknown }).cause ?? error;
    return { approved: false, reason: `approval request failed: ${printable(redact(cause instanceof Error ? cause.message : String(cause)))}` };
  }
}

function runApprovalCommand(command: readonly string[], input: ApprovalInput, timeoutMs: number, signal: AbortSignal | undefined): Promise<ApprovalOutcome> {
  const [file = '', ...args] = command.map((argument) => fill(argument, input));
  // Any argument may have come from env:VAR; the program's own name is kept, so a message still says which one failed.
  const redact = redactorOf(input, [...args, ...(input.hide ?? [])]);
  const hidden = new Set(input.hide);
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value === undefined || !hidden.has(value)));
  const env = { ...inherited, FLOWYTE_OAUTH_URL: input.oauthUrl, FLOWYTE_KIND: input.kind, FLOWYTE_ORG: input.org };
  // In a process group of its own (POSIX), the command and what it started can be stopped together; a terminal's
  // Ctrl-C then reaches the runner alone, whose abort signal stops the command.
  const ownGroup = process.platform !== 'win32';
  return new Promise((resolve) => {
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: ownGroup, windowsHide: true, shell: false });
    const stdout = new OutputTail(OUTPUT_CAP_BYTES);
    const stderr = new OutputTail(OUTPUT_CAP_BYTES);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const kill = (signalName: NodeJS.Signals) => {
      try {
        if (ownGroup && child.pid !== undefined) process.kill(-child.pid, signalName);
        else child.kill(signalName);
      } catch {
        // already gone
      }
    };
    let stoppedFor: ApprovalOutcome | undefined;
    let exited = false;
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = (outcome: ApprovalOutcome) => {
      if (stoppedFor || exited) return;
      stoppedFor = outcome;
      kill('SIGTERM');
      killTimer = setTimeout(() => kill('SIGKILL'), KILL_GRACE_MS);
    };
    const timer = setTimeout(() => stop(timedOut(timeoutMs)), timeoutMs);
    const onAbort = () => stop(ABORTED);
    signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (outcome: ApprovalOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };

    child.on('error', (error: NodeJS.ErrnoException) => {
      // Without a pid it never ran; any other error (a failed kill) leaves the exit to say how it ended.
      if (child.pid === undefined) finish({ approved: false, reason: `could not start: ${error.code ?? printable(redact(error.message))}` });
    });
    child.on('exit', (code, signalName) => {
      exited = true;
      clearTimeout(killTimer);
      // Whatever it started and left in its group, a stopped command takes along.
      if (stoppedFor) kill('SIGKILL');
      const settle = () => finish(stoppedFor ?? commandOutcome(code, signalName, stderr.lastLine() ?? stdout.lastLine(), redact));
      const drain = setTimeout(settle, OUTPUT_DRAIN_MS);
      child.once('close', () => {
        clearTimeout(drain);
        settle();
      });
    });
  });
}

function commandOutcome(code: number | null, signalName: NodeJS.Signals | null, lastLine: string | undefined, redact: Redact): ApprovalOutcome {
  if (code === 0) return APPROVED;
  const ending = code === null ? `was killed by ${signalName}` : `exited ${code}`;
  const line = lastLine === undefined ? '' : printable(redact(lastLine));
  return { approved: false, reason: `approval command ${ending}${line ? `: ${line}` : ''}` };
}

function timedOut(timeoutMs: number): ApprovalOutcome {
  return { approved: false, reason: `timed out after ${timeoutMs / 1000} s` };
}

/** Puts the input in place of `{oauthUrl}`, `{kind}` and `{org}`, in one pass (an inserted value is not read again). */
function fill(template: string, input: ApprovalInput, encode: (value: string) => string = (value) => value): string {
  return template.replace(PLACEHOLDER, (_match, name: 'oauthUrl' | 'kind' | 'org') => encode(input[name]));
}

/**
 * Hides the oauthUrl (whole, encoded, and each of its query values, such as a state a script may print alone)
 * and the given secrets in a text about to become a reason.
 */
function redactorOf(input: ApprovalInput, secrets: readonly (string | undefined)[]): Redact {
  const hidden = [input.oauthUrl, encodeURIComponent(input.oauthUrl), ...queryValuesOf(input.oauthUrl), ...secrets];
  // Longest first, so that a secret holding another is hidden whole.
  const sorted = [...new Set(hidden)].filter((value): value is string => value !== undefined && value.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  return (text) => sorted.reduce((result, secret) => result.split(secret).join('***'), text);
}

function queryValuesOf(url: string): string[] {
  try {
    return [...new URL(url).searchParams.values()].flatMap((value) => [value, encodeURIComponent(value)]);
  } catch {
    return [];
  }
}

/** One line of plain text, at most REASON_LINE_MAX_CHARS long: a reason ends up in reports and terminals. */
function printable(text: string): string {
  return stripVTControlCharacters(text)
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim()
    .slice(0, REASON_LINE_MAX_CHARS);
}

/** The last bytes a stream wrote, up to a cap: a command may write without end, and only its last line is read. */
class OutputTail {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private truncated = false;

  constructor(private readonly capBytes: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.capBytes) {
      const first = this.chunks[0]!;
      const excess = this.size - this.capBytes;
      if (first.length <= excess) this.chunks.shift();
      else this.chunks[0] = first.subarray(excess);
      this.size -= Math.min(first.length, excess);
      this.truncated = true;
    }
  }

  /** The last line that is not blank; undefined when there is none, or when its start was dropped (it may begin inside a secret). */
  lastLine(): string | undefined {
    const lines = Buffer.concat(this.chunks).toString('utf8').split('\n');
    for (let index = lines.length - 1; index >= 0; index -= 1) {
      if (lines[index]!.trim() === '') continue;
      return index === 0 && this.truncated ? undefined : lines[index];
    }
    return undefined;
  }
}
