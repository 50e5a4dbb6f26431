import { join } from 'node:path';
import type { Context } from '../context.js';
import { bankFor } from '../bank.js';
import { colors, note, print, printJson, table } from '../output.js';
import { UserError } from '../../errors.js';
import { collectAnswers } from '../../grade/collect.js';
import { AdaptivePool } from '../../grade/pool.js';
import { ProgressBar } from '../progress.js';
import { outputNames } from '../../grade/output-names.js';
import { answerFileToSession } from '../../answers/to-session.js';
import { formatProblem } from '../../questions/problems.js';
import { newSessionId, saveSession } from '../../session/files.js';
import { rubricFor } from '../../scoring/rubric.js';
import { scoreInputFromSession } from '../../session/score-input.js';
import { weakestCriterion } from '../../transcript/mock.js';
import { renderSessionMarkdown } from '../../transcript/markdown.js';
import { toTranscriptJson, transcriptJsonText } from '../../transcript/json.js';
import { writeFileAtomic } from '../../store/atomic.js';
import type { SessionRecord } from '../../session/types.js';
import { createJudgeFor, type JudgeFlags } from '../judge-options.js';
import { createInterviewer } from '../../interviewer/interviewer.js';
import { answerFileExchanges } from '../../interviewer/answer-file.js';

export interface GradeOptions extends JudgeFlags {
  concurrency: number;
  out?: string;
  save?: boolean;
}

export async function run(ctx: Context, paths: string[], opts: GradeOptions): Promise<void> {
  const bank = await bankFor(ctx);
  const { items, invalid } = collectAnswers(paths, bank.questions);
  for (const bad of invalid) for (const p of bad.problems) note(ctx, formatProblem(p));
  if (items.length === 0 && invalid.length === 0) throw new UserError(`no answer files (.yaml, .yml, .json) found in ${paths.join(', ')}`);

  const { judge, settings, onRateLimit } = await createJudgeFor(ctx, opts);
  // The interviewer answers any `asked` entry without an `a` (offline unless the judge is llm).
  const interviewer = createInterviewer(settings, undefined, { cacheDir: ctx.paths.cache, onNote: (n) => note(ctx, n) });
  const pool = new AdaptivePool(opts.concurrency);
  onRateLimit(() => pool.slowDown());
  const progress = new ProgressBar(ctx.stderr, items.length);
  const now = new Date();
  const sessions = await pool.map(items, async (item) => {
    const replies = await answerFileExchanges(item.answer, item.question, interviewer);
    const session = answerFileToSession(item.answer, item.question, { id: newSessionId(item.question.id, now), now, origin: 'grade', ...(replies ? { replies } : {}) });
    const input = scoreInputFromSession(session, rubricFor(item.question, bank.rubrics));
    const score = await judge.score(input);
    progress.tick(item.file);
    return { ...session, score } satisfies SessionRecord;
  });
  progress.clear();

  if (opts.out) {
    const names = outputNames(items.map((i) => i.file));
    sessions.forEach((s, i) => {
      writeFileAtomic(join(opts.out!, `${names[i]}.md`), renderSessionMarkdown(s));
      if (ctx.json) writeFileAtomic(join(opts.out!, `${names[i]}.json`), transcriptJsonText(toTranscriptJson(s)));
    });
  }
  if (opts.save) for (const s of sessions) saveSession(ctx.paths, s);

  if (ctx.json) {
    printJson(ctx, sessions.map((s, i) => ({ file: items[i]!.file, ...toTranscriptJson(s) })));
  } else {
    const c = colors(ctx);
    const rows = sessions.map((s, i) => {
      const weak = weakestCriterion(s.score);
      return [items[i]!.file, s.candidate ?? '', s.question.id, String(s.score?.overall ?? ''), s.score?.verdict ?? '', weak ? `${weak.id} (${weak.score}/5)` : ''];
    });
    if (rows.length) print(ctx, table(['FILE', 'CANDIDATE', 'QUESTION', 'OVERALL', 'VERDICT', 'WEAKEST'], rows, { header: (s) => c.bold(s) }));
    const notes = [...new Set(sessions.flatMap((s) => s.score?.notes ?? []))];
    for (const n of notes) note(ctx, n);
    const judges = [...new Set(sessions.map((s) => s.score?.judge.label ?? ''))].filter(Boolean).join(', ');
    const parts = [`${sessions.length} graded`, ...(invalid.length ? [`${invalid.length} invalid`] : []), ...(judges ? [`judge: ${judges}`] : [])];
    if (opts.out) parts.push(`transcripts in ${opts.out}`);
    print(ctx, c.dim(parts.join(' · ')));
  }
  if (invalid.length > 0) {
    throw new UserError(`${invalid.length} answer file${invalid.length === 1 ? '' : 's'} could not be graded (problems above); fix and run pmcoach validate on ${invalid.length === 1 ? 'it' : 'them'}`);
  }
}
