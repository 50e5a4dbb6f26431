import { spawnSync } from 'node:child_process';
import type { Context } from './context.js';
import { print } from './output.js';

/**
 * Shows text a screen at a time in $PAGER (default `less -R`, which keeps colours) when it is taller than the
 * terminal; prints it when it fits, when there is no terminal, or when the pager cannot run.
 */
export function page(ctx: Pick<Context, 'stdout' | 'settings'>, text: string): void {
  const rows = ctx.stdout.rows || 24;
  if (!ctx.stdout.isTTY || text.split('\n').length < rows - 1) return print(ctx, text);
  const [cmd, ...args] = (ctx.settings.pager ?? 'less -R').split(/\s+/).filter(Boolean);
  const env = { ...process.env, LESS: process.env.LESS ?? 'FRX' };
  const r = cmd ? spawnSync(cmd, args, { input: text.endsWith('\n') ? text : text + '\n', stdio: ['pipe', 'inherit', 'inherit'], env }) : undefined;
  if (!r || r.error || (r.status !== 0 && r.status !== null)) print(ctx, text);
}
