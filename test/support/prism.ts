import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';

const PRISM = fileURLToPath(new URL('../../node_modules/@stoplight/prism-cli/dist/index.js', import.meta.url));
const SPEC = fileURLToPath(new URL('../../openapi.yaml', import.meta.url));

export interface RunningPrism {
  /** Prism serves the spec's paths at its root (it ignores the relative server URL /api/v1). */
  readonly baseUrl: string;
  stop(): Promise<void>;
}

/** Starts `prism mock openapi.yaml` or `prism proxy openapi.yaml <upstream>` and waits until it answers. */
export async function startPrism(mode: 'mock' | 'proxy', upstream?: string): Promise<RunningPrism> {
  const port = await freePort();
  const args = [PRISM, mode, SPEC, ...(upstream ? [upstream] : []), '--port', String(port), '--host', '127.0.0.1', '--errors', 'false'];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: 'ignore' });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await fetch(`${baseUrl}/integrations/catalog`);
      break;
    } catch {
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill();
        throw new Error(`prism ${mode} did not start`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    baseUrl,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
