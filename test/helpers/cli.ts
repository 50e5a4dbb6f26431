import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'pmcoach.js');

export interface CliResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** A fresh PMCOACH_HOME in a temp folder; remove it with the returned cleanup. */
export function tempHome(prefix = 'pmcoach-test-'): { home: string; cleanup: () => void } {
  const home = mkdtempSync(join(tmpdir(), prefix));
  return { home, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

/**
 * The environment a spawned pmcoach runs with: this process's, less anything that would change what pmcoach
 * does (keys, servers, settings, colour, editors), with PMCOACH_HOME set and the test's own variables on top.
 */
export function scrubbedEnv(home: string, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(OPENAI_|PMCOACH_|NO_COLOR|FORCE_COLOR|VISUAL$|EDITOR$)/.test(k)) env[k] = v;
  }
  env.PMCOACH_HOME = home;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Runs the built binary as a user would, with no TTY, and collects its output and exit code. */
export function runCli(
  args: string[],
  options: { home: string; env?: Record<string, string | undefined>; input?: string; cwd?: string; timeoutMs?: number },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env = scrubbedEnv(options.home, options.env);
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code });
    });
    child.stdin.end(options.input ?? '');
  });
}

export interface RunningCli {
  child: import('node:child_process').ChildProcess;
  stdout: () => string;
  stderr: () => string;
  done: Promise<CliResult & { signal: NodeJS.Signals | null }>;
}

/** Starts the built binary without waiting for it, so a test can signal it mid-run. */
export function startCli(args: string[], options: { home: string; env?: Record<string, string | undefined>; cwd?: string; timeoutMs?: number }): RunningCli {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(OPENAI_|PMCOACH_|NO_COLOR|FORCE_COLOR)/.test(k)) env[k] = v;
  }
  env.PMCOACH_HOME = options.home;
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
  const done = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code, signal });
    });
  });
  return { child, stdout: () => stdout, stderr: () => stderr, done };
}

/** Waits until `check` holds (polling), or fails after `ms`. */
export async function waitFor(check: () => boolean, ms = 10_000, what = 'the condition'): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
