import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { writeFileAtomic } from '../../store/atomic.js';
import { UserError } from '../../errors.js';

/** Everything above this line in the file is instructions and is ignored. */
export const ANSWER_MARKER = '# ---- write your answer below this line; everything above it is ignored ----';

/** The file the editor opens: the stage, guidance, time, then the draft under the marker. Pure. */
export function editorFileText(header: { question: string; stage: string; guidance: readonly string[]; time: string }, draft: string): string {
  const comment = (s: string): string =>
    s
      .split('\n')
      .map((l) => `# ${l}`.trimEnd())
      .join('\n');
  return [
    comment(header.question),
    '#',
    comment(`Stage: ${header.stage} (${header.time})`),
    ...header.guidance.map(comment),
    '#',
    comment('Save and quit the editor to submit this stage. Write only ":skip" to skip it.'),
    ANSWER_MARKER,
  ].join('\n') + '\n' + (draft ? draft.replace(/\n?$/, '\n') : '');
}

/** The answer in an edited file: what is under the marker (the whole file if the marker was deleted). */
export function answerFromEditorFile(content: string): string {
  const normalized = content.replace(/\r\n?/g, '\n');
  const at = normalized.indexOf(ANSWER_MARKER);
  const body = at < 0 ? normalized : normalized.slice(at + ANSWER_MARKER.length);
  return body.replace(/^\n/, '').replace(/\s+$/, '');
}

/**
 * Opens $VISUAL/$EDITOR on `file` (seeded with `content`) and waits for it. The terminal must already
 * be out of raw mode. The file is removed once read; it stays if the editor fails, so nothing is lost.
 */
export function runExternalEditor(editor: string | undefined, file: string, content: string): string {
  if (!editor) throw new UserError('--editor needs $VISUAL or $EDITOR set, e.g. EDITOR=nano pmcoach practice --editor');
  writeFileAtomic(file, content, { mode: 0o600 });
  const quoted = `'${file.replace(/'/g, `'\\''`)}'`;
  const result = spawnSync(`${editor} ${quoted}`, { shell: true, stdio: 'inherit' });
  if (result.error) throw new UserError(`could not run the editor "${editor}": ${result.error.message}; your text is in ${file}`);
  if (result.status !== 0) throw new UserError(`the editor "${editor}" exited with status ${result.status ?? result.signal}; your text is in ${file}`);
  const text = readFileSync(file, 'utf8');
  rmSync(file, { force: true });
  return text;
}
