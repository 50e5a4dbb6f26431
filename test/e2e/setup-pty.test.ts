import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { KEY, ptyTestbed } from '../helpers/pty.js';
import { scores, startOpenAiServer, type TestServer } from '../helpers/openai-server.js';

// `pmcoach setup` (the wizard in a pseudo-terminal, and headless) against the local OpenAI-protocol server.
const bed = ptyTestbed({ prefix: 'pmcoach-setup-', cols: 100, rows: 30 });
let server: TestServer;
beforeEach(async () => {
  server = await startOpenAiServer();
  server.models = ['another-model', 'test-model'];
  server.setDefault(scores());
});
afterEach(async () => {
  await server.close();
});

const config = (): Record<string, unknown> => JSON.parse(readFileSync(join(bed.home, 'config.json'), 'utf8')) as Record<string, unknown>;

describe('pmcoach setup in a terminal', () => {
  it('asks for the provider, the base URL, says where the key comes from, lists the models, checks live and saves', async () => {
    const p = bed.start(['setup']);
    await p.waitFor('Which server should judge your answers?');
    for (const name of ['OpenAI', 'Azure OpenAI', 'Ollama', 'LM Studio', 'vLLM', 'llama.cpp server', 'Other OpenAI-compatible server']) expect(p.screen()).toContain(name);
    p.write(KEY.up);
    await p.waitFor('❯ Other OpenAI-compatible server');
    p.write(KEY.enter);
    await p.waitFor('Base URL:');
    await p.type(server.url);
    p.write(KEY.enter);
    await p.waitFor('API key: none set, and a local server needs none');
    await p.waitFor('Model (2 listed');
    await p.type('test');
    await p.waitFor('❯ test-model');
    p.write(KEY.enter);
    await p.waitFor(/ok\s+model: test-model is available/);
    await p.waitFor('structured output');
    await p.waitFor(`Saved to ${join(bed.home, 'config.json')}`);
    await p.waitFor(`pmcoach config set baseUrl ${server.url}`);
    await p.waitFor('pmcoach config set model test-model');
    expect((await p.exited).exitCode).toBe(0);
    expect(config()).toEqual({ judge: 'llm', model: 'test-model', baseUrl: server.url });
    expect(server.requests.some((r) => r.path === '/v1/models')).toBe(true);
    expect(server.chats()).toHaveLength(1);
  });

  it('takes a typed model name when the server lists none', async () => {
    server.models = null;
    const p = bed.start(['setup', '--provider', 'vllm', '--base-url', server.url]);
    await p.waitFor('type the name instead');
    await p.waitFor('Model name:');
    await p.type('my-served-model');
    p.write(KEY.enter);
    await p.waitFor('Saved to');
    expect((await p.exited).exitCode).toBe(0);
    expect(config()).toMatchObject({ judge: 'llm', model: 'my-served-model' });
  });

  it('Ctrl-C in the wizard exits 130 without a stack and saves nothing', async () => {
    const p = bed.start(['setup']);
    await p.waitFor('Which server should judge your answers?');
    p.write(KEY.enter);
    await p.waitFor('Base URL:');
    p.write(KEY.ctrlC);
    expect((await p.exited).exitCode).toBe(130);
    expect(p.screen()).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(existsSync(join(bed.home, 'config.json'))).toBe(false);
  });
});

describe('pmcoach setup without a terminal', () => {
  it('headless with --provider and --model: checks, saves and prints the config set commands', async () => {
    const r = await runCli(['setup', '--provider', 'ollama', '--base-url', server.url, '--model', 'test-model', '--yes'], { home: bed.home });
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('pmcoach config set judge llm');
    expect(config()).toEqual({ judge: 'llm', model: 'test-model', baseUrl: server.url });
  });

  it('a failed check saves nothing and exits 1 (unless --yes); --no-check saves without asking the server', async () => {
    const down = 'http://127.0.0.1:9/v1';
    const r = await runCli(['setup', '--provider', 'other', '--base-url', down, '--model', 'm'], { home: bed.home });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(/^pmcoach: not saved: the live check failed/);
    expect(existsSync(join(bed.home, 'config.json'))).toBe(false);
    const s = await runCli(['setup', '--provider', 'other', '--base-url', down, '--model', 'm', '--no-check', '--json'], { home: bed.home });
    expect(s.code).toBe(0);
    expect(JSON.parse(s.stdout)).toMatchObject({ saved: true, model: 'm', baseUrl: down });
  });

  it('without the answers it never prompts: exit 2 with the flags to use', async () => {
    const r = await runCli(['setup'], { home: bed.home });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/pmcoach setup --provider .* --model NAME/);
  });

  it('a bad --base-url or --model is bad usage: exit 2, one line', async () => {
    for (const args of [['--base-url', 'ftp://x'], ['--model', 'two words']]) {
      const r = await runCli(['setup', '--provider', 'ollama', '--model', 'm', ...args], { home: bed.home });
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('pmcoach config with no subcommand', () => {
  it('shows the settings, as config get does', async () => {
    const r = await runCli(['config'], { home: bed.home });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^judge\s+offline\s+\(default\)/m);
  });
});
