import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Context } from '../context.js';
import { bankFor } from '../bank.js';
import { colors, note, print } from '../output.js';
import { isUserError } from '../../errors.js';
import { listSessions } from '../../session/files.js';
import type { SessionRecord } from '../../session/types.js';
import { STAGE_TITLES, isStageId } from '../../questions/stages.js';
import { formatDuration } from '../../text/format.js';
import { oneLine } from '../../text/sanitize.js';
import { truncate } from '../../text/width.js';
import type { Choice } from '../prompts/ask.js';

/** The home menu's entries. */
export type HomeAction = 'resume' | 'pick' | 'random' | 'weak' | 'mock' | 'progress' | 'setup' | 'quit';

/** Where an unfinished session stands, for the menu: "Metrics, 2:40 left", or "Follow-up". Pure. */
export function whereItStopped(s: Pick<SessionRecord, 'stages' | 'followup' | 'settings'>): string {
  const at = s.stages.find((x) => x.status === 'active' || x.status === 'pending');
  if (!at) return 'Follow-up';
  const title = isStageId(at.id) ? STAGE_TITLES[at.id] : String(at.id);
  if (!s.settings.timer) return title;
  const left = at.secondsAllotted - at.secondsUsed;
  return left > 0 ? `${title}, ${formatDuration(left)} left` : `${title}, in overtime`;
}

/** The menu: Resume first when there is an unfinished practice session. Pure. */
export function homeChoices(unfinished: Pick<SessionRecord, 'question' | 'stages' | 'followup' | 'settings'> | undefined, width = 80): Array<Choice<HomeAction>> {
  const out: Array<Choice<HomeAction>> = [];
  if (unfinished) out.push({ value: 'resume', name: truncate(`Resume: ${oneLine(unfinished.question.title)} (${whereItStopped(unfinished)})`, Math.max(30, width - 4)), description: 'continue where you stopped, with the time that was left' });
  out.push(
    { value: 'pick', name: 'Practise a question', description: 'type to filter by title, company or tag' },
    { value: 'random', name: 'Surprise me', description: 'a random question, least practised first' },
    { value: 'weak', name: 'Work on my weakest criterion', description: 'a question that works the criteria you score lowest on' },
    { value: 'mock', name: 'Mock interview', description: 'several questions from a mock script, with breaks' },
    { value: 'progress', name: 'History and progress', description: 'scores per criterion, streak, recent sessions' },
    { value: 'setup', name: 'Set up an LLM judge', description: 'OpenAI, Azure, Ollama, LM Studio, vLLM, llama.cpp…' },
    { value: 'quit', name: 'Quit' },
  );
  return out;
}

/** Mock scripts next to where pmcoach runs: YAML files in the working folder that name a title and questions. */
function mockScriptsHere(cwd = process.cwd()): string[] {
  try {
    return readdirSync(cwd)
      .filter((n) => /\.ya?ml$/i.test(n) && statSync(join(cwd, n)).isFile())
      .filter((n) => {
        const head = readHead(join(cwd, n));
        return /^title:/m.test(head) && /^questions:/m.test(head);
      });
  } catch {
    return [];
  }
}

function readHead(path: string): string {
  try {
    return readFileSync(path, 'utf8').slice(0, 4096);
  } catch {
    return '';
  }
}

/** `pmcoach` with no command in a terminal: a menu of what to do, again after each thing that comes back. */
export async function run(ctx: Context): Promise<void> {
  const { choose, ask, isBack } = await import('../prompts/ask.js');
  const bank = await bankFor(ctx);
  const practice = await import('./practice/index.js');
  for (;;) {
    const unfinished = listSessions(ctx.paths).sessions.find((s) => s.status === 'in-progress' && s.origin === 'practice');
    const action = (await choose(ctx, 'pmcoach: what would you like to do?', homeChoices(unfinished, ctx.stdout.columns || 80), { pageSize: 9 })) as HomeAction;
    if (action === 'quit') return;
    if (action === 'resume' && unfinished) {
      const { run: resume } = await import('./resume.js');
      return resume(ctx, unfinished.id, {});
    }
    if (action === 'pick' || action === 'random' || action === 'weak') {
      const mode = action === 'pick' ? { kind: 'picker' as const } : { kind: action };
      if ((await practice.practise(ctx, bank, mode, {})) === 'done') return;
      continue;
    }
    if (action === 'progress') {
      const [{ run: stats }, { run: history }] = await Promise.all([import('./stats.js'), import('./history.js')]);
      await stats(ctx, {});
      print(ctx, '');
      await history(ctx, { limit: 5 });
      print(ctx, '');
      continue;
    }
    if (action === 'setup') {
      const { run: setup } = await import('./setup.js');
      try {
        await setup(ctx, {});
      } catch (error) {
        // Back to the menu: after a failed check (said in one line), or Esc in one of the wizard's questions.
        if (isUserError(error)) note(ctx, `pmcoach: ${error.message}`);
        else if ((error as { name?: string } | null)?.name !== 'AbortPromptError') throw error;
      }
      print(ctx, '');
      continue;
    }
    if (action === 'mock') {
      const found = mockScriptsHere();
      let script: string | undefined;
      if (found.length > 0) {
        const picked = await choose(ctx, 'Which mock script?', [...found.map((f) => ({ value: f, name: f })), { value: '', name: 'Another file…' }], { back: true });
        if (isBack(picked)) continue;
        script = picked || undefined;
      }
      if (script === undefined) {
        const typed = await ask(ctx, 'Mock script (a YAML file; Esc to go back):', {
          back: true,
          validate: (v) => (existsSync(resolve(v.trim())) && statSync(resolve(v.trim())).isFile() ? true : `no file ${v.trim() || '(empty)'}; give the path of a mock script`),
        });
        if (isBack(typed)) continue;
        script = typed.trim();
      }
      const { run: mock } = await import('./mock/index.js');
      return mock(ctx, script, {});
    }
    print(ctx, colors(ctx).dim('Nothing to resume.'));
  }
}
