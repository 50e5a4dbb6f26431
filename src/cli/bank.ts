import { displayPath, loadBank, type Bank } from '../questions/load.js';
import type { Question } from '../questions/schema.js';
import { closest } from '../questions/suggest.js';
import type { Context } from './context.js';
import { UserError } from '../errors.js';
import { note } from './output.js';

/** The bank in use for a command: what is valid, with one warning on stderr about what is not. */
export async function bankFor(ctx: Context): Promise<Bank> {
  const bank = await loadBank({ extraDirs: ctx.questionDirs, env: ctx.env, cacheDir: ctx.settings.noCache ? undefined : ctx.paths.cache });
  const missing = new Set(bank.missing);
  for (const m of missing) note(ctx, `warning: question folder ${displayPath(m)} does not exist (from --questions or PMCOACH_QUESTIONS)`);
  if (bank.badFiles.length > missing.size) {
    const n = bank.badFiles.length - missing.size;
    const problems = bank.problems.length - missing.size;
    note(ctx, `warning: ${n} file${n === 1 ? '' : 's'} skipped (${problems} problem${problems === 1 ? '' : 's'}), run pmcoach validate`);
  }
  return bank;
}

/** A question by id, or a one-line error that suggests the closest ids. */
export function findQuestion(bank: Bank, id: string): Question {
  const q = bank.questions.find((x) => x.id === id);
  if (q) return q;
  const near = closest(id, bank.questions.map((x) => x.id), 3);
  const hint = near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : '; run pmcoach list to see the ids';
  throw new UserError(`unknown question "${id}"${hint}`);
}
