import { resolve } from 'node:path';
import type { Context } from '../../context.js';
import { bankFor } from '../../bank.js';
import { colors, note, print, printJson, table } from '../../output.js';
import { oneLine } from '../../../text/sanitize.js';
import { UserError, usageError } from '../../../errors.js';
import { loadMockScript } from '../../../mock/parse.js';
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

export interface MockOptions extends JudgeFlags {
  answers?: string;
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
  if (!opts.answers) {
    if (!ctx.stdin.isTTY || !ctx.stdout.isTTY) {
      throw usageError(`pmcoach mock needs a terminal to run interactively; without one, give answers: pmcoach mock ${scriptPath} --answers FILE_OR_DIR`);
    }
    const { runInteractiveMock } = await import('./interactive.js');
    const sessions = await runInteractiveMock(ctx, script, bank, opts);
    return report(ctx, script, sessions);
  }

  const { items, invalid } = collectAnswers([opts.answers], bank.questions);
  if (invalid.length > 0) {
    throw new UserError(`${invalid.length} answer file${invalid.length === 1 ? '' : 's'} in ${opts.answers} could not be read (problems above); fix them and run again`, {
      details: invalid.flatMap((f) => f.problems.map(formatProblem)),
    });
  }
  const byQuestion = new Map<string, AnswerItem>();
  for (const item of items) if (!byQuestion.has(item.question.id)) byQuestion.set(item.question.id, item);
  const questions = [...bank.questions, ...items.map((i) => i.question).filter((q) => !bank.questions.some((b) => b.id === q.id))];
  const plan = planMock(script, questions, (candidates) => candidates.find((q) => byQuestion.has(q.id)), scriptPath);
  const missing = plan.filter((p) => !byQuestion.has(p.question.id)).map((p) => p.question.id);
  if (missing.length > 0) throw new UserError(`no answers in ${opts.answers} for ${missing.map((m) => `"${m}"`).join(', ')}; add an answer file with question: ${missing[0]}`);

  const { judge, settings } = await createJudgeFor(ctx, opts);
  // The script's interviewer (name, style) answers any `asked` entry without an `a`.
  const interviewer = createInterviewer(settings, script.interviewer, { cacheDir: ctx.paths.cache, onNote: (n) => note(ctx, n) });
  const sessions: SessionRecord[] = [];
  const now = new Date();
  for (const p of plan) sessions.push(await scorePlanned(ctx, p, byQuestion.get(p.question.id)!, bank.rubrics, judge, now, interviewer));
  return report(ctx, script, sessions);
}

async function scorePlanned(
  ctx: Context,
  p: PlannedQuestion,
  item: AnswerItem,
  rubrics: Parameters<typeof rubricFor>[1],
  judge: Awaited<ReturnType<typeof createJudgeFor>>['judge'],
  now: Date,
  interviewer: Interviewer,
): Promise<SessionRecord> {
  const replies = await answerFileExchanges(item.answer, p.question, interviewer);
  const session = answerFileToSession(item.answer, p.question, { id: newSessionId(p.question.id, now), now, origin: 'mock', framework: p.entry.framework, ...(replies ? { replies } : {}) });
  const score = await judge.score(scoreInputFromSession(session, rubricFor(p.question, rubrics)));
  const scored: SessionRecord = { ...session, score };
  saveSession(ctx.paths, scored);
  return scored;
}

function report(ctx: Context, script: MockScript, sessions: SessionRecord[]): void {
  const summary = { ...summarizeMock(sessions), interviewer: script.interviewer };
  const id = `mock-${newSessionId(slug(script.title))}`;
  const path = writeMockTranscript(ctx.paths, id, script.title, sessions, summary);
  if (ctx.json) return printJson(ctx, { ...toMockJson(script.title, sessions, summary), transcriptPath: path });
  const c = colors(ctx);
  print(ctx, c.bold(`Mock interview: ${oneLine(script.title)}`));
  const rows = summary.questions.map((q, i) => [String(i + 1), oneLine(q.questionId), q.overall === null ? '—' : String(q.overall), q.verdict ?? 'not scored', q.weakest ? `${q.weakest.id} (${q.weakest.score}/5)` : '']);
  print(ctx, table(['#', 'QUESTION', 'OVERALL', 'VERDICT', 'WEAKEST'], rows, { header: (s) => c.bold(s) }));
  if (summary.overall !== null) print(ctx, `Overall ${summary.overall}/100 · ${summary.verdict} · judge: ${[...new Set(sessions.map((s) => s.score?.judge.label))].join(', ')}`);
  for (const n of new Set(sessions.flatMap((s) => s.score?.notes ?? []))) note(ctx, n);
  print(ctx, `Transcript written to ${path}`);
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'mock';
}
