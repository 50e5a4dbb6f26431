import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Context } from './context.js';
import type { SessionRecord } from '../session/types.js';
import type { Rubric } from '../questions/schema.js';
import { listSessions, saveSession } from '../session/files.js';
import { attemptsAt, compareAttempt } from '../history/attempts.js';
import { sessionTime } from '../session/time.js';
import { colors, note, print } from './output.js';
import type { JudgeFlags } from './judge-options.js';
import { writeReason } from './write-failure.js';
import { whileWaiting } from './guard.js';
import { writeRescue } from '../session/rescue.js';
import { renderCard } from './result-card.js';
import { terminalMarkdown } from './markdown-view.js';
import { comparisonMarkdown } from '../transcript/model-answer.js';
import type { Painter } from './paint.js';
import { UserError } from '../errors.js';

export interface FinishOptions {
  rubrics: readonly Rubric[];
  judge?: JudgeFlags;
  /** The menu after the card (in a terminal, unless --no-menu). */
  menu?: boolean;
}

/** What the user chose after the card: practise the same question again, another one, or stop. */
export type AfterCard = 'retry' | 'next' | 'done';

/**
 * A session's answers are complete and saved (runSession saved them, so nothing depends on the judge): they
 * are scored and the score saved with them, then the markdown transcript written. A signal while the judge
 * works leaves the session saved unscored, with a transcript that says so and the command to score it. The
 * result card comes first (it fits 80x24), then in a terminal a menu; elsewhere, or with --no-menu, the full
 * details follow the card.
 */
export async function finishSession(ctx: Context, session: SessionRecord, opts: FinishOptions): Promise<{ session: SessionRecord; next: AfterCard }> {
  const [{ scoreSession }, { writeTranscript, transcriptPath }] = await Promise.all([import('./score-session.js'), import('../transcript/write.js')]);
  const unscored = (): void => {
    try {
      writeTranscript(ctx.paths, session);
    } catch {
      // The session file is what matters; the transcript can be exported later.
    }
    ctx.stderr.write(`\npmcoach: stopped before the score came: session ${session.id} is saved, not scored yet. Score it with: pmcoach score ${session.id}\n`);
  };
  const score = await whileWaiting(scoreSession(ctx, session, { rubrics: [...opts.rubrics] }, opts.judge ?? {}), unscored);
  const scored: SessionRecord = { ...session, score, transcriptPath: transcriptPath(ctx.paths, session.id), updatedAt: new Date().toISOString() };
  // The score first: a transcript can be written again from the session (pmcoach export), a lost score cannot.
  saveScored(ctx, scored);
  let transcriptFailed: string | undefined;
  try {
    writeTranscript(ctx.paths, scored);
  } catch (error) {
    transcriptFailed = writeReason(error);
  }
  const c = colors(ctx);
  const width = ctx.stdout.isTTY ? ctx.stdout.columns || 80 : 80;
  print(ctx, '');
  const compare = compareAttempt(score, attemptsAt(listSessions(ctx.paths).sessions, scored.question.id, scored.id));
  print(ctx, renderCard({ score, title: scored.question.title, time: sessionTime(scored), transcriptPath: transcriptFailed ? undefined : scored.transcriptPath, compare }, c, width).join('\n'));
  if (transcriptFailed) {
    note(ctx, `pmcoach: could not write the transcript ${scored.transcriptPath} (${transcriptFailed}); the session and its score are saved: pmcoach export ${session.id} -o answer.md`);
    process.exitCode = 1;
  }
  const { canPrompt } = await import('./prompts/ask.js');
  if (opts.menu === false || !canPrompt(ctx)) {
    print(ctx, '');
    print(ctx, await details(ctx, scored));
    const other = score.judge.kind === 'llm' ? '--judge offline' : '--judge llm --model <name>';
    note(ctx, c.dim(`Export it: pmcoach export ${session.id} -o answer.md · score again: pmcoach score ${session.id} ${other}`));
    return { session: scored, next: 'done' };
  }
  return { session: scored, next: await afterCard(ctx, scored) };
}

/** Saves the scored session; when the data folder takes no writes, a rescue copy keeps the score (exit 1). */
function saveScored(ctx: Context, scored: SessionRecord): void {
  try {
    saveSession(ctx.paths, scored);
  } catch (error) {
    process.exitCode = 1;
    try {
      const path = writeRescue(scored);
      note(ctx, `pmcoach: could not save the score in ${ctx.paths.sessions} (${writeReason(error)}); it is in ${path}: pmcoach resume ${path} brings it home`);
    } catch {
      note(ctx, `pmcoach: could not save the score in ${ctx.paths.sessions} (${writeReason(error)}); the card below is the only copy`);
    }
  }
}

/** Today's full score view; the time per stage was printed once already, at the end of the session. */
async function details(ctx: Context, session: SessionRecord): Promise<string> {
  const { renderScore } = await import('./render-score.js');
  return renderScore(session.score!, { paint: colors(ctx), width: ctx.stdout.isTTY ? ctx.stdout.columns : undefined });
}

type MenuChoice = 'details' | 'model' | 'retry' | 'next' | 'export' | 'done';

async function afterCard(ctx: Context, session: SessionRecord): Promise<AfterCard> {
  const { choose } = await import('./prompts/ask.js');
  const model = session.question.model_answer !== undefined;
  for (;;) {
    const choices = [
      { value: 'details' as const, name: 'See the details', description: 'evidence, rationale and suggestion per criterion' },
      ...(model ? [{ value: 'model' as const, name: 'See the model answer', description: 'a strong answer to this question, stage by stage' }] : []),
      { value: 'retry' as const, name: 'Retry this question' },
      { value: 'next' as const, name: 'Next question' },
      { value: 'export' as const, name: 'Export transcript…', description: 'save it as markdown (or JSON) where you choose' },
      { value: 'done' as const, name: 'Done' },
    ];
    const picked = (await choose<MenuChoice>(ctx, 'What next?', choices, { pageSize: choices.length })) as MenuChoice;
    if (picked === 'details') {
      const { page } = await import('./pager.js');
      page(ctx, await details(ctx, session));
    } else if (picked === 'model') {
      const { page } = await import('./pager.js');
      page(ctx, comparisonText(session, colors(ctx), ctx.stdout.columns));
    } else if (picked === 'export') await exportTranscript(ctx, session);
    else return picked;
  }
}

/**
 * The candidate's answer and the model answer one after the other under each stage title, with the reference
 * points the judge found missing marked, as it shows on the screen. Pure.
 */
export function comparisonText(session: SessionRecord, c: Painter, columns?: number): string {
  const missed = new Set((session.score?.criteria ?? []).flatMap((x) => x.missed ?? []));
  const stages = session.stages.map((st) => ({ id: st.id, theirs: st.text, missed: (session.question.reference[st.id] ?? []).filter((p) => missed.has(p)) }));
  return terminalMarkdown(comparisonMarkdown(session.question, stages), c, columns);
}

async function exportTranscript(ctx: Context, session: SessionRecord): Promise<void> {
  const { ask, confirm, isBack } = await import('./prompts/ask.js');
  const name = await ask(ctx, 'Export to (a .md or .json file; Esc to go back):', {
    default: `${session.question.id}.md`,
    back: true,
    validate: (v) => (v.trim() === '' ? 'give a file name' : existsSync(resolve(v.trim())) && statSync(resolve(v.trim())).isDirectory() ? `${v.trim()} is a folder; give a file name` : true),
  });
  if (isBack(name)) return;
  const file = name.trim();
  const path = resolve(file);
  if (existsSync(path) && !(await confirm(ctx, `${file} exists; replace it?`, { default: false }))) return;
  const [{ writeFileAtomic }, { renderSessionMarkdown }, { toTranscriptJson, transcriptJsonText }] = await Promise.all([
    import('../store/atomic.js'),
    import('../transcript/markdown.js'),
    import('../transcript/json.js'),
  ]);
  const text = /\.json$/i.test(path) ? transcriptJsonText(toTranscriptJson(session)) : renderSessionMarkdown(session);
  try {
    writeFileAtomic(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw new UserError(`cannot write ${file} (${code}); the transcript is still in ${session.transcriptPath}`);
    throw error;
  }
  note(ctx, `Wrote ${path}`);
}
