import { resolve } from 'node:path';
import type { Context } from '../../context.js';
import { bankFor } from '../../bank.js';
import { colors, note, print, printJson, table } from '../../output.js';
import { oneLine } from '../../../text/sanitize.js';
import { UserError, usageError } from '../../../errors.js';
import { loadMockScript } from '../../../mock/parse.js';
import { mockId } from '../../../mock/record.js';
import { planMock, type PlannedQuestion } from '../../../mock/plan.js';
import { collectAnswers, type AnswerItem } from '../../../grade/collect.js';
import { answerFileToSession } from '../../../answers/to-session.js';
import { formatProblem } from '../../../questions/problems.js';
import { newSessionId, saveSession } from '../../../session/files.js';
import { rubricFor } from '../../../scoring/rubric.js';
import { scoreInputFromSession } from '../../../session/score-input.js';
import { summarizeMock, toMockJson } from '../../../transcript/mock.js';
import { writeMockTranscript } from '../../../transcript/write.js';
import type { SessionRecord } from '../../../session/types.js';
import type { MockScript } from '../../../mock/schema.js';
import { createJudgeFor, type JudgeFlags } from '../../judge-options.js';
import { createInterviewer, type Interviewer } from '../../../interviewer/interviewer.js';
import { answerFileExchanges } from '../../../interviewer/answer-file.js';
import { writeReason } from '../../write-failure.js';

export interface MockOptions extends JudgeFlags {
  answers?: string;
  /** With --answers: whose answers, when the folder holds several candidates' answers to one question. */
  candidate?: string;
  /** With --answers: also keep the graded answers in your history (as grade --save does). */
  save?: boolean;
  /** Interactive runs only: multiply every stage's time; end a stage at 00:00. */
  timeScale?: number;
  hardStop?: boolean;
}

export async function run(ctx: Context, scriptPath: string, opts: MockOptions): Promise<void> {
  const script = loadMockScript(resolve(scriptPath));
  const bank = await bankFor(ctx);
  if (opts.answers && (opts.timeScale !== undefined || opts.hardStop)) {
    throw usageError('--time-scale and --hard-stop are for an interactive mock; with --answers the answers are already written');
  }
  if (!opts.answers && (opts.candidate !== undefined || opts.save)) throw usageError('--candidate and --save go with --answers; an interactive mock is always saved');
  if (!opts.answers) {
    if (!ctx.stdin.isTTY || !ctx.stdout.isTTY) {
      throw usageError(`pmcoach mock needs a terminal to run interactively; without one, give answers: pmcoach mock ${scriptPath} --answers FILE_OR_DIR`);
    }
    const { runInteractiveMock, startMock } = await import('./interactive.js');
    const mock = startMock(ctx, script, bank, opts);
    const sessions = await runInteractiveMock(ctx, mock, bank, opts);
    if (sessions) report(ctx, script, sessions, mock.id);
    return;
  }

  const { items, invalid } = collectAnswers([opts.answers], bank.questions);
  if (invalid.length > 0) {
    throw new UserError(`${invalid.length} answer file${invalid.length === 1 ? '' : 's'} in ${opts.answers} could not be read (problems above); fix them and run again`, {
      details: invalid.flatMap((f) => f.problems.map(formatProblem)),
    });
  }
  const byQuestion = answersByQuestion(items, opts.answers, opts.candidate);
  const questions = [...bank.questions, ...items.map((i) => i.question).filter((q) => !bank.questions.some((b) => b.id === q.id))];
  const plan = planMock(script, questions, (candidates) => candidates.find((q) => byQuestion.has(q.id)), scriptPath);
  const missing = plan.filter((p) => !byQuestion.has(p.question.id)).map((p) => p.question.id);
  if (missing.length > 0) throw new UserError(`no answers in ${opts.answers} for ${missing.map((m) => `"${m}"`).join(', ')}; add an answer file with question: ${missing[0]}`);

  const { judge, settings } = await createJudgeFor(ctx, opts);
  // The script's interviewer (name, style) answers any `asked` entry without an `a`.
  const interviewer = createInterviewer(settings, script.interviewer, { cacheDir: ctx.paths.cache, onNote: (n) => note(ctx, n) });
  const sessions: SessionRecord[] = [];
  const now = new Date();
  for (const p of plan) sessions.push(await scorePlanned(ctx, p, byQuestion.get(p.question.id)!, bank.rubrics, judge, now, interviewer, opts.save === true));
  return report(ctx, script, sessions);
}

/**
 * One answer file per question. A folder with several candidates' answers to one question needs --candidate
 * to say whose; otherwise the error names them, so a cohort's answers are never mixed into one transcript.
 */
function answersByQuestion(items: readonly AnswerItem[], where: string, candidate: string | undefined): Map<string, AnswerItem> {
  const mine = candidate === undefined ? items : items.filter((i) => (i.answer.candidate ?? '') === candidate);
  if (candidate !== undefined && mine.length === 0) {
    const names = [...new Set(items.map((i) => i.answer.candidate).filter(Boolean))];
    throw new UserError(`no answers by "${candidate}" in ${where}${names.length ? ` (candidates: ${names.join(', ')})` : ''}`);
  }
  const byQuestion = new Map<string, AnswerItem>();
  for (const item of mine) {
    const other = byQuestion.get(item.question.id);
    if (!other) byQuestion.set(item.question.id, item);
    else if ((other.answer.candidate ?? '') !== (item.answer.candidate ?? '') || candidate === undefined) {
      const names = [...new Set(mine.filter((i) => i.question.id === item.question.id).map((i) => i.answer.candidate ?? `(unnamed: ${i.file})`))];
      throw new UserError(`${where} holds ${names.length > 1 ? `answers from several candidates (${names.join(', ')})` : 'several answer files'} for "${item.question.id}"; pick one with --candidate NAME`);
    }
  }
  return byQuestion;
}

async function scorePlanned(
  ctx: Context,
  p: PlannedQuestion,
  item: AnswerItem,
  rubrics: Parameters<typeof rubricFor>[1],
  judge: Awaited<ReturnType<typeof createJudgeFor>>['judge'],
  now: Date,
  interviewer: Interviewer,
  keep: boolean,
): Promise<SessionRecord> {
  const replies = await answerFileExchanges(item.answer, p.question, interviewer);
  const session = answerFileToSession(item.answer, p.question, { id: newSessionId(p.question.id, now), now, origin: 'mock', framework: p.entry.framework, ...(replies ? { replies } : {}) });
  const score = await judge.score(scoreInputFromSession(session, rubricFor(p.question, rubrics)));
  const scored: SessionRecord = { ...session, score };
  // A coach's run over a cohort's answers stays out of the coach's own history unless --save.
  if (!keep) return scored;
  try {
    saveSession(ctx.paths, scored);
  } catch (error) {
    note(ctx, `pmcoach: could not save session ${scored.id} in ${ctx.paths.sessions} (${writeReason(error)}); its score is in the summary below`);
    process.exitCode = 1;
  }
  return scored;
}

/** The summary and the combined transcript; an interactive mock names the transcript after its own id. */
export function report(ctx: Context, script: MockScript, sessions: SessionRecord[], id = mockId(script.title)): void {
  const summary = { ...summarizeMock(sessions), interviewer: script.interviewer };
  let path: string | null = null;
  try {
    path = writeMockTranscript(ctx.paths, id, script.title, sessions, summary);
  } catch (error) {
    note(ctx, `pmcoach: could not write the mock transcript in ${ctx.paths.transcripts} (${writeReason(error)}); the summary below is complete`);
    process.exitCode = 1;
  }
  if (ctx.json) return printJson(ctx, { ...toMockJson(script.title, sessions, summary), transcriptPath: path });
  const c = colors(ctx);
  print(ctx, c.bold(`Mock interview: ${oneLine(script.title)}`));
  const rows = summary.questions.map((q, i) => [String(i + 1), oneLine(q.questionId), q.overall === null ? '—' : String(q.overall), q.verdict ?? 'not scored', q.weakest ? `${q.weakest.id} (${q.weakest.score}/5)` : '']);
  print(ctx, table(['#', 'QUESTION', 'OVERALL', 'VERDICT', 'WEAKEST'], rows, { header: (s) => c.bold(s) }));
  if (summary.overall !== null) print(ctx, `Overall ${summary.overall}/100 · ${summary.verdict} · judge: ${[...new Set(sessions.map((s) => s.score?.judge.label))].join(', ')}`);
  for (const n of new Set(sessions.flatMap((s) => s.score?.notes ?? []))) note(ctx, n);
  if (path) print(ctx, `Transcript written to ${path}`);
}
