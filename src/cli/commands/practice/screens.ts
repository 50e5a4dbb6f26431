import { join } from 'node:path';
import type { Context } from '../../context.js';
import { colors, note } from '../../output.js';
import { STAGE_IDS, STAGE_TITLES } from '../../../questions/stages.js';
import type { FollowUp } from '../../../session/types.js';
import type { DraftSaver } from '../../../session/draft-saver.js';
import type { PracticeDriver } from './driver.js';
import type { RunOptions } from './run-session.js';
import {
  answerFromEditorFile,
  editorFileText,
  mmss,
  promptStage,
  runExternalEditor,
  SKIP_LINE,
  waitScreen,
  type StageOutcome,
  type StagePromptOptions,
  type Terminal,
} from '../../prompts/index.js';

/** What the follow-up screen says a strong answer does. */
export const FOLLOWUP_GUIDANCE = [
  'Defend or adapt your recommendation: say what you keep, what you change, and why.',
  'Use a number, a trigger or a mitigation where you can.',
];

/** What the screens of one run share. */
export interface RunParts {
  ctx: Context;
  opts: RunOptions;
  driver: PracticeDriver;
  saver: DraftSaver;
  /** The interviewer as shown ("Interviewer", or a mock script's name) and in a sentence ("the interviewer"). */
  name: string;
  who: string;
  sessionId: string;
}

/** The screens a practice session shows: a stage in the built-in editor or in $EDITOR, and the wait for the push-back. */
export class StageScreens {
  constructor(private readonly r: RunParts) {}

  /** The screen for what is being answered now: a stage, or the follow-up. */
  private screenFor(): StagePromptOptions['screen'] & { text: string; left: number; file: string } {
    const s = this.r.driver.session;
    const stage = this.r.driver.stage;
    const common = { questionTitle: s.question.title, stageCount: STAGE_IDS.length, hardStop: s.settings.hardStop && s.settings.timer };
    if (!stage) {
      const f = s.followup!;
      return { ...common, prompt: `${this.r.name}: ${f.q}`, stageTitle: `Follow-up from ${this.r.who}`, stageNumber: STAGE_IDS.length, position: 'follow-up', guidance: FOLLOWUP_GUIDANCE, text: f.answer, left: (f.secondsAllotted ?? 0) - (f.secondsUsed ?? 0), file: 'followup' };
    }
    return {
      ...common,
      prompt: s.question.prompt,
      stageTitle: STAGE_TITLES[stage.id],
      stageNumber: STAGE_IDS.indexOf(stage.id) + 1,
      guidance: this.r.opts.guidance[stage.id],
      text: stage.text,
      left: stage.secondsAllotted - stage.secondsUsed,
      file: stage.id,
    };
  }

  /** Asks the hook for the push-back, a spinner on screen meanwhile (a model may take a while); Ctrl-C saves. */
  async awaitPushBack(term: Terminal | null): Promise<{ q: string; source?: FollowUp['source'] } | undefined | 'interrupt'> {
    const hook = this.r.opts.hooks?.pushBack;
    if (!hook) return undefined;
    const Who = this.r.who[0]!.toUpperCase() + this.r.who.slice(1);
    let sink: ((text: string) => void) | undefined;
    const work = Promise.allSettled(this.r.driver.pendingReplies).then(() => hook(this.r.driver.session, (t) => sink?.(t)));
    if (!term) {
      note(this.r.ctx, `${Who} is preparing a follow-up question…`);
      return work;
    }
    const screen = waitScreen(term, `${Who} is preparing a follow-up question… (Ctrl-C saves and quits)`, work);
    sink = screen.stream;
    const outcome = await screen.outcome;
    return outcome.kind === 'interrupt' ? 'interrupt' : outcome.value;
  }

  async typeStage(t: Terminal): Promise<StageOutcome> {
    const { text, ...screen } = this.screenFor();
    const ask = this.r.opts.hooks?.ask;
    const interviewing = ask !== undefined;
    const asking = interviewing && this.r.driver.stage?.id === 'clarifying';
    const prompt = promptStage(t, {
      screen: asking ? { ...screen, askHint: `Ask ${this.r.who} a question: start a line with "?" and press Enter (the clock keeps running)` } : screen,
      initialText: text,
      clock: () => this.r.driver.ticked(),
      onEdit: () => this.r.saver.changed(),
      onAsk: asking
        ? async (question, onText) => {
            let partial = '';
            const reply = ask(question, this.r.driver.session, (p) => {
              partial = p;
              onText(p);
            });
            const exchange = await this.r.driver.asked(question, reply, () => partial);
            this.r.saver.changed();
            return exchange?.a;
          }
        : undefined,
      askElsewhere: interviewing && !asking && this.r.driver.stage !== undefined,
      askLabel: this.r.name,
      warning: () => this.r.driver.saveProblem,
      color: colors(this.r.ctx),
    });
    this.r.driver.attach(prompt.text);
    return prompt.done;
  }

  editStage(): StageOutcome {
    const screen = this.screenFor();
    const time = this.r.driver.session.settings.timer ? `${mmss(Math.max(0, screen.left))} left` : 'no timer';
    const where = screen.position === 'follow-up' ? screen.stageTitle : `Stage ${screen.stageNumber} of ${screen.stageCount}: ${screen.stageTitle}`;
    note(this.r.ctx, `${where} (${time}); opening your editor…`);
    const file = join(this.r.ctx.paths.sessions, `.${this.r.sessionId}.${screen.file}.md`);
    const content = editorFileText({ question: `${screen.questionTitle}\n${screen.prompt}`, stage: screen.stageTitle, guidance: screen.guidance, time }, screen.text);
    const text = answerFromEditorFile(runExternalEditor(this.r.ctx.settings.editor, file, content));
    return text.trim() === SKIP_LINE ? { kind: 'skip', text: '' } : { kind: 'submit', text };
  }
}
