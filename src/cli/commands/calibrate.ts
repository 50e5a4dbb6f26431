import type { Context } from '../context.js';
import { bankFor } from '../bank.js';
import { colors, note, print, printJson, table } from '../output.js';
import { UserError, usageError } from '../../errors.js';
import { collectAnswers } from '../../grade/collect.js';
import { formatProblem } from '../../questions/problems.js';
import { rubricFor } from '../../scoring/rubric.js';
import { overallScore } from '../../scoring/overall.js';
import { writeFileAtomic } from '../../store/atomic.js';
import { plural } from '../../text/format.js';
import { AGREEMENT_HEADERS, agreementRows, calibrate, calibrationMarkdown, type Pair } from '../../calibrate/report.js';
import type { SessionRecord } from '../../session/types.js';
import { judgeFlags, judgeSettingsFrom, type JudgeFlags } from '../judge-options.js';
import { gradeItems, type GradeRun } from './grade/engine.js';
import { batchFlags, safeRubric } from './grade/index.js';
import { writeReason } from '../write-failure.js';

export interface CalibrateOptions extends JudgeFlags {
  against?: string;
  concurrency: number;
  batch?: boolean;
  batchResults?: string[];
  out?: string;
}

/** `--against offline | llm | <model>`: the second judge's flags (a model name keeps the server). Pure. */
export function againstFlags(against: string, flags: JudgeFlags): JudgeFlags {
  if (against === 'offline') return { judge: 'offline' };
  const { judge: _judge, model: _model, ...rest } = flags;
  if (against === 'llm') return { ...rest, judge: 'llm' };
  return { ...rest, judge: 'llm', model: against };
}

/**
 * `pmcoach calibrate`: grades the files that carry a coach's grades (or every file, against another judge) and
 * reports how far the judge agrees, per criterion and on the overall score.
 */
export async function run(ctx: Context, paths: string[], opts: CalibrateOptions): Promise<void> {
  const { flags, batch } = batchFlags({ ...opts, retry: true });
  const bank = await bankFor(ctx);
  const { items: all, invalid } = collectAnswers(paths, bank.questions, safeRubric(bank.rubrics));
  for (const bad of invalid) for (const p of bad.problems) note(ctx, formatProblem(p));
  const items = opts.against ? all : all.filter((i) => i.answer.human && Object.keys(i.answer.human).length > 0);
  if (items.length === 0) {
    throw new UserError(
      opts.against
        ? `no answer files found in ${paths.join(', ')}`
        : `no answer files with a coach's grades in ${paths.join(', ')}; add human: { clarification: 3, ... } (criterion ids of the rubric, levels 1-5), or compare two judges with --against offline`,
    );
  }
  if (!opts.against && all.length > items.length) note(ctx, `${plural(all.length - items.length, 'file')} without human: grades left out.`);

  const grade = async (f: JudgeFlags, b = batch): Promise<Array<SessionRecord | undefined>> => {
    const run: GradeRun = { items, sessions: items.map(() => undefined), asked: judgeSettingsFrom(ctx, f).judge, extra: [], notGraded: 0 };
    await gradeItems(ctx, bank, run, { flags: f, concurrency: opts.concurrency, batch: b, retry: true, force: false }, () => {});
    return run.sessions;
  };
  const referenceFlags = opts.against ? againstFlags(opts.against, judgeFlags(opts)) : undefined;
  if (referenceFlags?.judge === 'llm' && opts.batchResults) throw usageError('--against an LLM with --batch-results: the results file holds one judge only; give --batch or no batch flag');
  const judged = await grade(flags);
  const reference = referenceFlags ? await grade(referenceFlags, referenceFlags.judge === 'llm' ? batch : undefined) : undefined;

  const pairs: Pair[] = items.flatMap((item, i) => {
    const score = judged[i]?.score;
    if (!score) return [];
    const rubric = rubricFor(item.question, bank.rubrics);
    const ref = reference ? reference[i]?.score : undefined;
    const refScores: Record<string, number> = ref ? Object.fromEntries(ref.criteria.map((c) => [c.id, c.score])) : (item.answer.human ?? {});
    const criteria = score.criteria.filter((c) => refScores[c.id] !== undefined).map((c) => ({ id: c.id, judge: c.score, reference: refScores[c.id]! }));
    const complete = rubric.criteria.every((c) => refScores[c.id] !== undefined);
    const refOverall = ref ? ref.overall : complete ? overallScore(rubric.criteria.map((c) => ({ score: refScores[c.id]!, weight: c.weight }))) : undefined;
    return [{ file: item.file, criteria, ...(refOverall !== undefined ? { overall: { judge: score.overall, reference: refOverall } } : {}) }];
  });
  const order = [...new Set(items.flatMap((it) => rubricFor(it.question, bank.rubrics).criteria.map((c) => c.id)))];
  const result = calibrate(pairs, order);
  const judgeLabel = judged.find((s) => s?.score)?.score?.judge.label ?? 'the judge';
  const referenceLabel = reference ? (reference.find((s) => s?.score)?.score?.judge.label ?? opts.against!) : 'the coach (human: grades)';

  let writeFailed: string | undefined;
  if (opts.out) {
    try {
      writeFileAtomic(opts.out, calibrationMarkdown(result, { judge: judgeLabel, reference: referenceLabel }));
    } catch (error) {
      writeFailed = `could not write ${opts.out} (${writeReason(error)}); the report is printed above`;
    }
  }
  if (ctx.json) {
    printJson(ctx, { schemaVersion: 1, kind: 'pmcoach.calibration', judge: judgeLabel, reference: referenceLabel, ...result });
  } else {
    const c = colors(ctx);
    print(ctx, `Judge: ${judgeLabel}. Reference: ${referenceLabel}. ${plural(result.n, 'file')}.`);
    print(ctx, table(AGREEMENT_HEADERS, agreementRows(result), { header: (s) => c.bold(s) }));
    const f = (x: number | null, d: number) => (x === null ? 'n/a' : x.toFixed(d));
    print(ctx, `Overall score: Pearson r ${f(result.overall.pearson, 2)}, mean absolute error ${f(result.overall.mae, 1)} points (${plural(result.overall.n, 'file')}).`);
    if (result.worst.length) {
      print(ctx, 'Largest disagreements:');
      for (const w of result.worst) print(ctx, `  ${w.file}: ${w.criteria.map((x) => `${x.id} ${x.judge} vs ${x.reference}`).join(', ')}`);
    }
    if (opts.out && !writeFailed) note(ctx, `Report written to ${opts.out}`);
  }
  if (writeFailed) throw new UserError(writeFailed);
  if (invalid.length > 0) throw new UserError(`${plural(invalid.length, 'answer file')} could not be read (problems above); the report covers the others`);
}
