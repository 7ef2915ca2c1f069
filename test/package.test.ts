import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/free-port.js';

// The published package as a user gets it: packed, installed into an empty project, run from its bin.
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
// Not copied: the checkout links the repository's node_modules and builds its own dist; dot-folders and reports
// are nothing npm packs.
const copied = (top: string) => !['node_modules', 'dist', 'flowyte-report'].includes(top) && !top.startsWith('.');
const DEV_DEPENDENCIES = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies;

// A user's files, run and type-checked in the project that installed the tarball.
const IN_PROCESS_USER = `import { createFetchHandler } from 'flowyte-contract';
const handle = createFetchHandler();
const response = await handle(new Request('http://localhost:4010/api/v1/integrations/shopify/connect', {
  method: 'POST',
  headers: { authorization: 'Bearer flowyte_sk_test_acme_admin', 'content-type': 'application/json' },
  body: JSON.stringify({ credentials: { apiKey: 'shpat_example' } }),
}));
console.log(JSON.stringify({ status: response.status, body: await response.json() }));
`;
const MSW_USER = `import { setupServer } from 'msw/node';
import { createMswHandlers } from 'flowyte-contract/msw';
const server = setupServer(...createMswHandlers());
server.listen({ onUnhandledRequest: 'error' });
const headers = { authorization: 'Bearer flowyte_sk_test_acme_admin', 'content-type': 'application/json' };
await fetch('http://localhost:4010/api/v1/integrations/shopify/connect', { method: 'POST', headers, body: JSON.stringify({ credentials: { apiKey: 'shpat_example' } }) });
const response = await fetch('http://localhost:4010/api/v1/integrations', { headers });
const { data } = await response.json();
server.close();
console.log(JSON.stringify({ status: response.status, listed: data.map((connection) => connection.kind) }));
`;
const TYPED_USER = `import { createFetchHandler, createMockCore, NetworkDropError, type FetchHandler, type MockCore, type MockCoreOptions } from 'flowyte-contract';
import { createMswHandlers } from 'flowyte-contract/msw';
import type { HttpHandler } from 'msw';
const options: MockCoreOptions = { cors: false, clock: () => new Date(0) };
const core: MockCore = createMockCore(options);
const handle: FetchHandler = createFetchHandler({ core });
const answer: Promise<Response> = handle(new Request('http://localhost:4010/api/v1/integrations'));
const handlers: HttpHandler[] = createMswHandlers({ core, baseUrl: ['http://localhost:4010/api/v1', '/api/v1'] });
const dropped: TypeError = new NetworkDropError();
// @ts-expect-error the data option is the mock's data (orgs, agents, keys), not anything
createMockCore({ data: 42 });
export { answer, handlers, dropped };
`;

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: string[], cwd: string): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject).once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function succeed(command: string, args: string[], cwd: string): Promise<string> {
  const ran = await run(command, args, cwd);
  if (ran.code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${ran.code}:\n${ran.stderr}${ran.stdout}`);
  return ran.stdout;
}

/** Starts the installed mock and waits for its banner; its output keeps flowing, so it never blocks on a full pipe. */
function startMock(bin: string, port: number, cwd: string): Promise<ChildProcess> {
  const child = spawn(bin, ['mock', '--port', String(port), '--quiet'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += String(chunk);
      if (output.includes('listening on')) resolve(child);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', reject).once('exit', (code) => reject(new Error(`the installed mock exited with ${code} before listening: ${output}`)));
  });
}

describe('the published package', () => {
  let work: string;
  let packed: string[];
  let project: string;
  let installed: string;
  let bin: string;
  let port: number;
  let mock: ChildProcess | undefined;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'flowyte-package-'));
    // Packed from a copy without dist/, as on a fresh clone: `prepare` builds it, and this tree's dist is left alone.
    const checkout = join(work, 'checkout');
    cpSync(ROOT, checkout, { recursive: true, filter: (source) => copied(relative(ROOT, source).split(sep)[0] ?? '') });
    symlinkSync(join(ROOT, 'node_modules'), join(checkout, 'node_modules'), 'junction');
    const [pack] = JSON.parse(await succeed('npm', ['pack', '--json', '--pack-destination', work], checkout)) as Array<{ filename: string; files: Array<{ path: string }> }>;
    if (!pack) throw new Error('npm pack --json printed no package');
    packed = pack.files.map((file) => file.path);

    project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'flowyte-user', version: '1.0.0', private: true }));
    await succeed('npm', ['install', join(work, pack.filename), '--no-audit', '--no-fund', '--prefer-offline'], project);
    installed = join(project, 'node_modules', 'flowyte-contract');
    bin = join(project, 'node_modules', '.bin', 'flowyte-contract');
    port = await freePort();
    mock = await startMock(bin, port, project);
  }, 180_000);

  afterAll(async () => {
    if (mock && mock.exitCode === null) {
      mock.kill('SIGTERM');
      await once(mock, 'exit');
    }
    if (work) {
      // The link first, so that nothing can follow it into the repository's node_modules.
      const link = join(work, 'checkout', 'node_modules');
      if (existsSync(link)) unlinkSync(link);
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('should hold the CLI, the suites, the contract compiled and as YAML, the API\'s types and the scenarios, and no tests or sources', () => {
    expect(packed).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'openapi.yaml', 'dist/src/bin.js', 'dist/contracts/index.js', 'dist/src/generated/packaged-contract.js',
        'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/msw.js', 'dist/src/msw.d.ts', 'dist/src/generated/packaged-contract.d.ts', 'scenarios/scoped-database.yaml']),
    );
    for (const file of packed) expect(file).toMatch(/^(package\.json|README\.md|openapi\.yaml|scenarios\/[\w-]+\.yaml|dist\/(src|contracts)\/[\w./-]+\.js|dist\/src\/[\w./-]+\.d\.ts)$/);
    expect(packed.filter((file) => file.endsWith('.test.js') || file.startsWith('dist/src/build/'))).toEqual([]);
  });

  it('should serve the API in-process from flowyte-contract without msw, and MSW handlers from flowyte-contract/msw with it', async () => {
    writeFileSync(join(project, 'in-process.mjs'), IN_PROCESS_USER);
    expect(JSON.parse(await succeed(process.execPath, ['in-process.mjs'], project))).toEqual({ status: 200, body: { success: true, data: { status: 'connected' } } });
    const withoutMsw = await run(process.execPath, ['--input-type=module', '-e', "await import('flowyte-contract/msw')"], project);
    expect(withoutMsw.stderr).toMatch(/Cannot find package 'msw'/);

    // msw is an optional peer: the user installs it (from npm's cache, as the checkout already did).
    await succeed('npm', ['install', `msw@${DEV_DEPENDENCIES.msw}`, '--no-audit', '--no-fund', '--prefer-offline'], project);
    writeFileSync(join(project, 'msw-user.mjs'), MSW_USER);
    expect(JSON.parse(await succeed(process.execPath, ['msw-user.mjs'], project))).toEqual({ status: 200, listed: ['shopify'] });

    // The shipped declarations, as a TypeScript user compiles against them (an ES module, as the package is one):
    // no @types/node, strict, every .d.ts checked.
    writeFileSync(join(project, 'consumer.mts'), TYPED_USER);
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', lib: ['ES2022', 'DOM'], strict: true, noEmit: true, types: [], skipLibCheck: false }, files: ['consumer.mts'] }));
    const typed = await run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], project);
    expect(typed.stdout + typed.stderr).toBe('');
    expect(typed.code).toBe(0);
  }, 120_000);

  it('should hold no source map that points at a file it does not ship', () => {
    const shipped = new Set(packed);
    const dangling: string[] = [];
    for (const file of packed.filter((path) => path.endsWith('.js'))) {
      const mapUrl = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(installed, file), 'utf8'))?.[1];
      if (mapUrl && !mapUrl.startsWith('data:') && !shipped.has(posix.join(posix.dirname(file), mapUrl))) dangling.push(`${file} → ${mapUrl}`);
    }
    for (const map of packed.filter((path) => path.endsWith('.map'))) {
      const { sources = [], sourceRoot = '' } = JSON.parse(readFileSync(join(installed, map), 'utf8')) as { sources?: string[]; sourceRoot?: string };
      for (const source of sources) {
        const path = posix.normalize(posix.join(posix.dirname(map), sourceRoot, source));
        if (!shipped.has(path)) dangling.push(`${map} → ${source}`);
      }
    }
    expect(dangling).toEqual([]);
  });

  it('should print its version through npx', async () => {
    expect(await succeed('npx', ['--no', '--', 'flowyte-contract', '--version'], project)).toBe(`${VERSION}\n`);
  }, 60_000);

  it('should run the contract suites against its own mock, and load replay', async () => {
    const config = await succeed(bin, ['mock', '--print-config', '--port', String(port)], project);
    writeFileSync(join(project, 'flowyte.yaml'), config);
    const tested = await run(bin, ['test', '--config', 'flowyte.yaml', '--runs', '3', '--seed', '1', '--report-dir', 'report'], project);
    expect(tested.stderr).toBe('');
    expect(tested.code).toBe(0);
    expect(existsSync(join(project, 'report', 'report.json'))).toBe(true);

    // No failure to replay, so replay answers USAGE: it got that far only because it loaded with the suites.
    const replayed = await run(bin, ['replay', 'report/report.json', 'F1'], project);
    expect(replayed.code).toBe(2);
    expect(replayed.stderr).toMatch(/^flowyte-contract: USAGE: [^\n]*\bF1\b[^\n]*\n$/);
    const help = await run(bin, ['replay', '--help'], project);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: flowyte-contract replay/);
  }, 60_000);

  it('should put its proxy between a client and its own mock, record the traffic, and check and replay the recording', async () => {
    const proxyPort = await freePort();
    const proxy = spawn(bin, ['proxy', '--target', `http://127.0.0.1:${port}/api/v1`, '--port', String(proxyPort), '--record', 'traffic.har', '--quiet'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const collect = (chunk: Buffer) => {
        output += String(chunk);
        if (output.includes('listening on')) resolve();
      };
      proxy.stdout!.on('data', collect);
      proxy.stderr!.on('data', collect);
      proxy.once('exit', (code) => reject(new Error(`the installed proxy exited with ${code}: ${output}`)));
    });
    const headers = { authorization: 'Bearer flowyte_sk_test_globex_admin', 'content-type': 'application/json' };
    const listed = await fetch(`http://127.0.0.1:${proxyPort}/api/v1/integrations`, { headers });
    expect([listed.status, listed.headers.get('x-flowyte-violations')]).toEqual([200, null]); // the header comes with violations only
    const connected = await fetch(`http://127.0.0.1:${proxyPort}/api/v1/integrations/shopify/connect`, { method: 'POST', headers, body: JSON.stringify({ credentials: { apiKey: 'shpat_package_test_0001', shopDomain: 'globex.myshopify.com' } }) });
    expect(connected.status).toBe(200);
    proxy.kill('SIGINT');
    await once(proxy, 'exit');
    expect(readFileSync(join(project, 'traffic.har'), 'utf8')).not.toContain('shpat_package_test_0001');

    const checked = await run(bin, ['check', '--har', 'traffic.har', '--report-dir', 'har-report'], project);
    expect([checked.code, checked.stderr]).toEqual([0, '']);
    expect(existsSync(join(project, 'har-report', 'report.html'))).toBe(true);
    const replayed = await run(bin, ['replay', '--har', 'traffic.har', '--report-dir', 'fidelity'], project);
    expect([replayed.code, replayed.stderr], replayed.stdout).toEqual([0, '']);
  }, 60_000);
});
