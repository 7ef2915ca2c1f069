import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { FidelityReport } from '../../src/traffic/fidelity-report.js';
import { keyFingerprint, type HarEntry } from '../../src/traffic/har.js';
import { captureIo } from '../support/served-mock.js';
import { KEYS, POSTGRES_CREDENTIALS } from '../support/test-mock.js';
import { harFile, record, redacted, replay, reportDirectory, session, SHOPIFY_KEY, withAnswer } from './replay-fixtures.js';

describe('replay --har', () => {
  let recording: HarEntry[];

  beforeAll(async () => {
    recording = await record(session(KEYS.acmeAdmin, 'agt_acme_demo'));
    expect(recording.map((entry) => entry.response.status)).toEqual([200, 404, 200, 200, 200, 200, 200, 200, 401, 404]);
  });

  it('should find every exchange of a recording of the mock the same when replayed against a fresh mock', async () => {
    const { exitCode, out, report, markdown } = await replay(harFile(recording));
    expect(exitCode).toBe(0);
    expect(report?.totals).toEqual({ exchanges: 9, same: 9, differs: 0, notReplayed: 0, outsideApi: 1 });
    expect(out).toContain('#1 GET /api/v1/integrations/catalog: same (200)');
    // A query's parameters are named, never their values.
    expect(out).toContain('#7 GET /api/v1/integrations/postgres/objects?limit=…&cursor=…: same (200)');
    expect(out).toContain('9 exchanges: 9 same, 0 differ, 0 not replayed (1 entry outside the API skipped)');
    expect(markdown).toContain('**Every replayed exchange answers as recorded**');
    expect(report?.exchanges[2]).toMatchObject({ operationId: 'connectIntegration', key: { fingerprint: keyFingerprint(KEYS.acmeAdmin), sentAs: 'acme_admin' } });
  });

  it('should name the exchange and the member where a recorded answer differs in shape or status', async () => {
    let edited = withAnswer(recording, 0, (body) => ({ ...body, data: body.data.map(({ hasPack: _, ...item }: any) => item) }));
    edited = withAnswer(edited, 2, (body) => ({ ...body, data: { status: 1 } }));
    edited = withAnswer(edited, 8, (body) => body, 403);
    const { exitCode, out, report, markdown } = await replay(harFile(edited));
    expect(exitCode).toBe(1);
    expect(report?.totals).toMatchObject({ exchanges: 9, same: 6, differs: 3 });
    expect(out).toContain('#1 GET /api/v1/integrations/catalog: differs\n    member data[].hasPack only in the replay');
    expect(out).toContain('#3 POST /api/v1/integrations/shopify/connect: differs\n    data.status: number recorded, string replayed');
    expect(out).toContain('#9 GET /api/v1/integrations: differs\n    status 403 recorded, 401 replayed');
    expect(report?.exchanges[0]?.differences).toEqual([{ kind: 'member', path: 'data[].hasPack', only: 'replayed' }]);
    expect(markdown).toContain('**3 of 9 exchanges differ**');
    expect(markdown).toContain('### #3 POST `/api/v1/integrations/shopify/connect` (connectIntegration)\n\n- `data.status`: number recorded, string replayed');
    expect(markdown).toContain('- member `data[].hasPack` only in the replay');
  });

  it('should map keys redacted by the proxy by their fingerprint, and fill redacted credentials with valid ones', async () => {
    const { exitCode, out, report } = await replay(harFile(redacted(recording)));
    expect(exitCode).toBe(0);
    expect(report?.totals).toMatchObject({ same: 9, differs: 0 });
    expect(report?.exchanges[3]?.filledCredentials).toEqual(['host', 'database', 'user', 'password']);
    // Neither the key nor a credential reaches the terminal or the report.
    for (const secret of [KEYS.acmeAdmin, SHOPIFY_KEY, POSTGRES_CREDENTIALS.password]) expect(out + JSON.stringify(report)).not.toContain(secret);
  });

  it('should follow the target\'s own cursors where the recording followed its server\'s', async () => {
    const cursor = (recording[5]!.response.content.text!.match(/"nextCursor":"([^"]+)"/) ?? [])[1]!;
    const foreign = recording.map((entry) => JSON.parse(JSON.stringify(entry).replaceAll(cursor, 'c3RhZ2luZy1jdXJzb3I')) as HarEntry);
    const { exitCode, report } = await replay(harFile(foreign));
    expect(exitCode).toBe(0);
    expect(report?.exchanges[6]).toMatchObject({ recordedStatus: 200, replayedStatus: 200, outcome: 'same' });
  });

  it('should stop at the first SIGINT and write the reports of what was done', async () => {
    const reportDir = reportDirectory();
    const { io, out } = captureIo();
    let stop: (signal: string) => void = () => {};
    const stopSignal = new Promise<string>((resolve) => (stop = resolve));
    const exitCode = await main(['replay', '--har', harFile(recording), '--report-dir', reportDir], {
      ...io,
      stopSignal,
      stdout: (text: string) => {
        io.stdout(text);
        if (text.startsWith('#2 ')) stop('SIGINT');
      },
    });
    expect(exitCode).toBe(130);
    const report = JSON.parse(readFileSync(join(reportDir, 'fidelity.json'), 'utf8')) as FidelityReport;
    expect(report.interrupted).toBe(true);
    expect(report.totals.exchanges).toBeGreaterThanOrEqual(2);
    expect(report.totals.exchanges).toBeLessThan(9);
    expect(out.join('')).toContain(`interrupted after ${report.totals.exchanges} exchanges`);
  });
});
