import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempHome, ROOT } from '../helpers/cli.js';
import { scores, startOpenAiServer, type TestServer } from '../helpers/openai-server.js';
import { spawnPmcoach } from '../helpers/pty.js';

let server: TestServer;
let home: string;
let cleanup: () => void;
beforeEach(async () => {
  server = await startOpenAiServer();
  server.setDefault(scores({ score: 4 }));
  ({ home, cleanup } = tempHome());
});
afterEach(async () => {
  await server.close();
  cleanup();
});

describe('grade --batch in a terminal', () => {
  it('redraws one progress line in place while it waits, then clears it before the table', async () => {
    const dir = join(home, 'cohort');
    mkdirSync(dir);
    for (const t of ['strong', 'medium']) cpSync(join(ROOT, 'test/fixtures/calibration/uber-surge-pricing-cap', `${t}.yaml`), join(dir, `${t}.yaml`));
    server.batchSteps = ['validating', 'validating', 'in_progress', 'in_progress', 'completed'];
    const run = spawnPmcoach(['grade', dir, '--batch', '--base-url', server.url, '--model', 'test-model'], { home, env: { PMCOACH_POLL_MS: '30' } });
    expect((await run.exited).exitCode).toBe(0);
    const raw = run.raw();
    expect(raw).toMatch(/\r\u001b\[2Kbatch batch_\d+: validating · 0\/2 requests done · next check in 30 ms/);
    expect(raw).toMatch(/\r\u001b\[2Kbatch batch_\d+: in_progress · 1\/2 requests done · next check in \d+ ms/);
    expect(raw).toMatch(/\r\u001b\[2K\r\u001b\[2K/); // cleared once done
    expect(run.screen()).toMatch(/FILE\s+CANDIDATE[\s\S]*2 graded · judge: test-model at /);
  });
});
