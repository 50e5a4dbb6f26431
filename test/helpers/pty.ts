import pty from '@lydell/node-pty';
import { afterEach, beforeEach } from 'vitest';
import { BIN, ROOT, scrubbedEnv, tempHome } from './cli.js';

/** Keys as a terminal sends them. */
export const KEY = {
  enter: '\r',
  ctrlC: '\x03',
  ctrlD: '\x04',
  backspace: '\x7f',
  up: '\x1b[A',
  down: '\x1b[B',
  left: '\x1b[D',
  right: '\x1b[C',
  pasteStart: '\x1b[200~',
  pasteEnd: '\x1b[201~',
} as const;

/**
 * Output with terminal control sequences removed. A cursor move to another row becomes a newline,
 * so text from different rows never runs together.
 */
export function stripAnsi(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/\x1b\[\d+;\d+H/g, '\n')
      // eslint-disable-next-line no-control-regex
      .replace(/\x1b\][^\x07\x1b]*(\x07|\x1b\\)/g, '')
      // eslint-disable-next-line no-control-regex
      .replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '')
      // eslint-disable-next-line no-control-regex
      .replace(/\x1b[()][A-Za-z0-9]|\x1b[=>78]/g, '')
      .replace(/\r/g, '')
  );
}

export interface PtyRun {
  readonly pid: number;
  /** Everything printed so far, raw. */
  raw(): string;
  /** Everything printed so far (or since `from`), without control sequences. */
  screen(from?: number): string;
  /** Length of the raw output now: pass to waitFor to look only at what comes after. */
  mark(): number;
  write(keys: string): void;
  /** Types text one chunk per character group, like a person (with a short pause between chunks). */
  type(text: string, chunk?: number, pauseMs?: number): Promise<void>;
  /** Resolves with the match once the text appears (after `from`); rejects with the screen on timeout. */
  waitFor(pattern: string | RegExp, options?: { from?: number; timeoutMs?: number }): Promise<string>;
  exited: Promise<{ exitCode: number; signal?: number }>;
  kill(signal?: string): void;
}

export function spawnPmcoach(args: string[], options: { home: string; env?: Record<string, string | undefined>; cols?: number; rows?: number }): PtyRun {
  const env = scrubbedEnv(options.home, { TERM: 'xterm-256color', ...options.env });
  const child = pty.spawn(process.execPath, [BIN, ...args], { cols: options.cols ?? 100, rows: options.rows ?? 30, cwd: ROOT, env, name: 'xterm-256color' });
  let out = '';
  const waiters = new Set<() => void>();
  child.onData((d) => {
    out += d;
    for (const w of [...waiters]) w();
  });
  let exitInfo: { exitCode: number; signal?: number } | null = null;
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) =>
    child.onExit((e) => {
      exitInfo = e;
      for (const w of [...waiters]) w();
      resolve(e);
    }),
  );

  const run: PtyRun = {
    pid: child.pid,
    raw: () => out,
    screen: (from = 0) => stripAnsi(out.slice(from)),
    mark: () => out.length,
    write: (keys) => child.write(keys),
    async type(text, chunk = 8, pauseMs = 5) {
      for (let i = 0; i < text.length; i += chunk) {
        child.write(text.slice(i, i + chunk));
        await new Promise((r) => setTimeout(r, pauseMs));
      }
    },
    waitFor(pattern, opts = {}) {
      const from = opts.from ?? 0;
      const timeoutMs = opts.timeoutMs ?? 10_000;
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const text = stripAnsi(out.slice(from));
          const m = typeof pattern === 'string' ? (text.includes(pattern) ? pattern : null) : (pattern.exec(text)?.[0] ?? null);
          if (m !== null) {
            done();
            resolve(m);
            return true;
          }
          if (exitInfo) {
            done();
            reject(new Error(`process exited (${JSON.stringify(exitInfo)}) before ${String(pattern)} appeared. Screen:\n${tail(text)}`));
            return true;
          }
          return false;
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${String(pattern)}. Screen:\n${tail(stripAnsi(out.slice(from)))}`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          waiters.delete(listener);
        };
        const listener = (): void => void check();
        waiters.add(listener);
        check();
      });
    },
    exited,
    kill: (signal = 'SIGTERM') => child.kill(signal),
  };
  return run;
}

function tail(s: string): string {
  return s.length > 3000 ? '…' + s.slice(-3000) : s;
}

export interface PtyTestbed {
  /** This test's PMCOACH_HOME (a fresh temp folder). */
  readonly home: string;
  /** Starts pmcoach in a pseudo-terminal with the testbed's arguments first; it is killed after the test. */
  start(args: string[], env?: Record<string, string>, size?: { cols?: number; rows?: number }): PtyRun;
}

/**
 * For a test file: a fresh PMCOACH_HOME per test, and every pmcoach started in it killed (SIGKILL) and the
 * folder removed after the test, passed or failed.
 */
export function ptyTestbed(options: { prefix?: string; args?: string[]; cols?: number; rows?: number } = {}): PtyTestbed {
  let home = '';
  let cleanup = (): void => {};
  let running: PtyRun[] = [];
  beforeEach(() => {
    ({ home, cleanup } = tempHome(options.prefix));
    running = [];
  });
  afterEach(() => {
    for (const p of running) {
      try {
        p.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
    cleanup();
  });
  return {
    get home() {
      return home;
    },
    start(args, env = {}, size = {}) {
      const p = spawnPmcoach([...(options.args ?? []), ...args], { home, env, cols: size.cols ?? options.cols, rows: size.rows ?? options.rows });
      running.push(p);
      return p;
    },
  };
}

/**
 * Arguments for a test about the practice session itself: the ready screen before the clock and the menu after
 * the score are turned off (--no-ready, --no-menu), as a script would; test/e2e/home-pty.test.ts tests them.
 */
export function sessionOnly(args: readonly string[]): string[] {
  const at = args.findIndex((a) => a === 'practice' || a === 'resume');
  if (at < 0) return [...args];
  const extra = args[at] === 'practice' ? ['--no-ready', '--no-menu'] : ['--no-menu'];
  return [...args.slice(0, at + 1), ...extra, ...args.slice(at + 1)];
}

/** Waits for a stage's screen (after what was printed so far), types its answer and submits it with Ctrl-D. */
export async function answerStage(p: PtyRun, title: string, text: string): Promise<void> {
  await p.waitFor(`▸ ${title}`, { from: p.mark() });
  await p.type(text);
  p.write(KEY.ctrlD);
}
