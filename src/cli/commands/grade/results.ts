import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from '../../context.js';
import { colors, note, print, printJson, table } from '../../output.js';
import { outputNames } from '../../../grade/output-names.js';
import type { AnswerItem } from '../../../grade/collect.js';
import { saveSession } from '../../../session/files.js';
import type { SessionRecord } from '../../../session/types.js';
import { writeFileAtomic, writeJsonAtomic } from '../../../store/atomic.js';
import { weakestCriterion } from '../../../scoring/overall.js';
import { renderSessionMarkdown } from '../../../transcript/markdown.js';
import { toTranscriptJson, transcriptJsonText } from '../../../transcript/json.js';
import { stripControl } from '../../../text/sanitize.js';
import { fileKey } from '../../../batch/keys.js';
import { writeReason } from '../../write-failure.js';



/** The resume record kept beside each --out transcript: which file content and judge it scored, and the result. */
interface Done {
  schemaVersion: 1;
  key: string;
  judge: 'llm' | 'offline';
  session: SessionRecord;
}

/**
 * Where results go as each file is graded: --out transcripts (markdown, JSON with --json, and a resume record in
 * `.pmcoach/`), and sessions with --save. A write that fails is reported in one line and counted; grading goes on.
 */
export class Outputs {
  readonly names: string[];
  failures = 0;

  constructor(
    private readonly ctx: Context,
    private readonly items: readonly AnswerItem[],
    private readonly opts: { out?: string; save?: boolean; modelAnswer?: boolean },
    private readonly judgeKind: 'llm' | 'offline',
  ) {
    this.names = outputNames(items.map((i) => i.file));
  }

  private attempt(path: string, write: () => void): void {
    try {
      write();
    } catch (error) {
      this.failures++;
      note(this.ctx, `pmcoach: could not write ${path} (${writeReason(error)})`);
    }
  }

  /** A result already in --out for this file's content and judge kind (an offline fallback is graded again). */
  previous(i: number): SessionRecord | undefined {
    if (!this.opts.out) return undefined;
    try {
      const done = JSON.parse(readFileSync(this.recordPath(i), 'utf8')) as Done;
      const item = this.items[i]!;
      if (done.schemaVersion !== 1 || done.key !== fileKey(item.file, item.answer) || done.session?.score?.judge.kind !== this.judgeKind) return undefined;
      if (!existsSync(join(this.opts.out, `${this.names[i]}.md`))) return undefined;
      return done.session;
    } catch {
      return undefined;
    }
  }

  private recordPath(i: number): string {
    return join(this.opts.out!, '.pmcoach', `${this.names[i]}.json`);
  }

  /** Writes one graded file's results now, so a stopped run keeps them. */
  write(i: number, s: SessionRecord): void {
    const out = this.opts.out;
    if (out) {
      const base = join(out, this.names[i]!);
      this.attempt(`${base}.md`, () => writeFileAtomic(`${base}.md`, renderSessionMarkdown(s, { modelAnswer: this.opts.modelAnswer })));
      if (this.ctx.json) this.attempt(`${base}.json`, () => writeFileAtomic(`${base}.json`, transcriptJsonText(toTranscriptJson(s, { modelAnswer: this.opts.modelAnswer }))));
      const item = this.items[i]!;
      const record: Done = { schemaVersion: 1, key: fileKey(item.file, item.answer), judge: this.judgeKind, session: s };
      this.attempt(this.recordPath(i), () => writeJsonAtomic(this.recordPath(i), record));
    }
    if (this.opts.save) this.attempt(`session ${s.id} in ${this.ctx.paths.sessions}`, () => saveSession(this.ctx.paths, s));
  }
}

/** The judge column: llm or offline, and which offline scores stand in for a failed LLM judge. */
export function judgeCell(s: SessionRecord, asked: 'llm' | 'offline'): string {
  const kind = s.score?.judge.kind ?? '';
  return asked === 'llm' && kind === 'offline' ? 'offline (fallback)' : kind;
}

/** `judge: A` or `judge: A (1985), offline estimate (15 fallbacks)`. Pure. */
export function judgeSummary(sessions: readonly SessionRecord[], asked: 'llm' | 'offline'): string {
  const counts = new Map<string, number>();
  for (const s of sessions) if (s.score) counts.set(s.score.judge.label, (counts.get(s.score.judge.label) ?? 0) + 1);
  if (counts.size === 0) return '';
  if (counts.size === 1) return `judge: ${[...counts.keys()][0]}`;
  const fallback = sessions.find((s) => s.score?.judge.kind === 'offline')?.score?.judge.label;
  const parts = [...counts].map(([label, n]) => (label === fallback && asked === 'llm' ? `${label} (${n}: the LLM judge could not score ${n === 1 ? 'it' : 'them'})` : `${label} (${n})`));
  return `judge: ${parts.join(', ')}`;
}

/**
 * The same text as `printJson` of the whole array, written one element at a time: a cohort's JSON can be larger
 * than is worth holding as one string. Each element's object values are serialized once per object, so the
 * question snapshot that a cohort's transcripts share (most of each one's bytes) is not serialized a thousand times.
 */
export function printJsonArray<T>(ctx: Pick<Context, 'stdout'>, items: readonly T[], toJson: (t: T) => Record<string, unknown>): void {
  if (items.length === 0) return printJson(ctx, []);
  const memo = new WeakMap<object, string>();
  let chunk = '[\n';
  items.forEach((t, i) => {
    chunk += '  ' + elementJson(toJson(t), memo) + (i < items.length - 1 ? ',\n' : '\n]\n');
    if (chunk.length > 1 << 20 || i === items.length - 1) {
      ctx.stdout.write(chunk);
      chunk = '';
    }
  });
}

/** `JSON.stringify(value, null, 2)` of an array element (indented one level), object values taken from `memo` when seen. */
function elementJson(value: Record<string, unknown>, memo: WeakMap<object, string>): string {
  const entries: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    // Left out as JSON.stringify leaves them out.
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    const object = v !== null && typeof v === 'object';
    let text = object ? memo.get(v) : JSON.stringify(v);
    if (text === undefined) {
      // Nested two levels down, the value comes out indented as an element's value is: no re-indenting pass.
      text = JSON.stringify([[v]], null, 2).slice(NESTED_OPEN, -NESTED_CLOSE);
      memo.set(v as object, text);
    }
    entries.push(`    ${JSON.stringify(key)}: ${text}`);
  }
  return entries.length === 0 ? '{}' : `{\n${entries.join(',\n')}\n  }`;
}

/** The lengths of `[\n  [\n    ` and `\n  ]\n]` around a value nested two levels deep. */
const NESTED_OPEN = 10;
const NESTED_CLOSE = 6;

/** What `grade` prints: the summary table or JSON, the notes, and a footer with counts. */
export function printResults(
  ctx: Context,
  graded: ReadonlyArray<{ item: AnswerItem; session: SessionRecord }>,
  o: { asked: 'llm' | 'offline'; invalid: number; out?: string; extra?: string[] },
): void {
  if (ctx.json) {
    printJsonArray(ctx, graded, ({ item, session }) => ({ file: item.file, ...toTranscriptJson(session) }));
    return;
  }
  const c = colors(ctx);
  const rows = graded.map(({ item, session: s }) => {
    const weak = weakestCriterion(s.score);
    return [stripControl(item.file), stripControl(s.candidate ?? ''), s.question.id, String(s.score?.overall ?? ''), s.score?.verdict ?? '', judgeCell(s, o.asked), weak ? `${weak.id} (${weak.score}/5)` : ''];
  });
  if (rows.length) print(ctx, table(['FILE', 'CANDIDATE', 'QUESTION', 'OVERALL', 'VERDICT', 'JUDGE', 'WEAKEST'], rows, { header: (s) => c.bold(s) }));
  const sessions = graded.map((g) => g.session);
  for (const n of [...new Set(sessions.flatMap((s) => s.score?.notes ?? []))]) note(ctx, n);
  const judges = judgeSummary(sessions, o.asked);
  const parts = [`${sessions.length} graded`, ...(o.invalid ? [`${o.invalid} invalid`] : []), ...(judges ? [judges] : []), ...(o.extra ?? [])];
  if (o.out) parts.push(`transcripts in ${o.out}`);
  print(ctx, c.dim(parts.join(' · ')));
}
