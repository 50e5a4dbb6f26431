import type { Context } from '../context.js';
import { loadBank, questionDirs } from '../../questions/load.js';
import { formatProblem, sortProblems, type Problem } from '../../questions/problems.js';
import { closest } from '../../questions/suggest.js';
import { checkAnswerRefs, checkHumanGrades } from '../../answers/check.js';
import { rubricOrNone } from '../../scoring/rubric.js';
import { recogniseAnswerFile, type ParsedAnswerFile } from '../../answers/parse.js';
import { recogniseMockScript, type ParsedMockFile } from '../../mock/parse.js';
import { plural } from '../../text/format.js';
import { oneLine, stripControl } from '../../text/sanitize.js';
import { colors, print, printJson } from '../output.js';
import { UserError } from '../../errors.js';

type Other = ({ kind: 'answer' } & ParsedAnswerFile) | ParsedMockFile;

/** Besides questions and rubrics, validate knows answer files and mock scripts by their shape. */
function recognise(value: unknown, bytes: Uint8Array, file: string): { parsed: Other; problems: Problem[] } | undefined {
  const answer = recogniseAnswerFile(value, bytes, file);
  if (answer) return { parsed: { kind: 'answer', ...answer.parsed }, problems: answer.problems };
  return recogniseMockScript(value, bytes, file);
}

/** A mock script's `id:` entries must name questions of the bank, reported at the `id:` key. Pure. */
export function checkMockRefs(files: readonly ParsedMockFile[], questionIds: readonly string[]): Problem[] {
  const known = new Set(questionIds);
  return files.flatMap((f) =>
    f.ids
      .filter((r) => !known.has(r.id))
      .map((r) => {
        const near = closest(r.id, questionIds, 1)[0];
        return { file: f.file, line: r.line, col: r.col, field: r.field, message: `unknown question "${r.id}"${near ? `; did you mean "${near}"?` : '; use an id from pmcoach list'}` };
      }),
  );
}

export async function run(ctx: Context, paths: string[]): Promise<void> {
  const given = paths.length > 0;
  const loaded = await loadBank({
    paths: given ? paths : questionDirs(ctx.questionDirs, ctx.env),
    withBundledRubrics: given,
    recognise,
  });
  const answerFiles = loaded.others.filter((o): o is { kind: 'answer' } & ParsedAnswerFile => o.kind === 'answer');
  const mockFiles = loaded.others.filter((o): o is ParsedMockFile => o.kind === 'mock');
  // Answer files and mock scripts may name questions from the bank in use, not only from the paths given.
  const inUse = given && loaded.others.length > 0 ? await loadBank({ extraDirs: ctx.questionDirs, env: ctx.env }) : loaded;
  const ids = [...new Set([...inUse.questions, ...loaded.questions].map((q) => q.id))];
  // A coach's grades (human:) must name criteria of the question's rubric.
  const questionsById = new Map([...inUse.questions, ...loaded.questions].map((q) => [q.id, q]));
  const rubrics = [...inUse.rubrics, ...loaded.rubrics];
  const humanProblems = answerFiles.flatMap((f) => {
    const q = f.answer?.question;
    const question = typeof q === 'string' ? questionsById.get(q) : q;
    const rubric = question ? rubricOrNone(question, rubrics) : undefined;
    return f.answer?.human && rubric ? checkHumanGrades(f, rubric) : [];
  });
  const problems = sortProblems([...loaded.problems, ...checkAnswerRefs(answerFiles, ids), ...checkMockRefs(mockFiles, ids), ...humanProblems]);
  const bank = { ...loaded, problems, badFiles: [...new Set(problems.map((p) => p.file))] };
  const answers = answerFiles.filter((a) => a.answer).length;
  const mocks = mockFiles.filter((m) => m.script).length;
  if (ctx.json) {
    printJson(ctx, { ok: bank.problems.length === 0, files: bank.fileCount, questions: bank.questions.length, rubrics: bank.rubrics.length, answerFiles: answers, mockScripts: mocks, problems: bank.problems });
    if (bank.problems.length > 0) process.exitCode = 1;
    return;
  }
  const c = colors(ctx);
  if (bank.problems.length > 0) {
    // File names and messages come from the files: no control sequences reach the terminal.
    for (const p of bank.problems) print(ctx, stripControl(formatProblem(p)).replace(/\n/g, ' '));
    throw new UserError(`${plural(bank.problems.length, 'problem')} in ${plural(bank.badFiles.length, 'file')}; fix them and run pmcoach validate again`);
  }
  if (bank.fileCount === 0) throw new UserError(`no YAML files found in ${oneLine(paths.join(', ')) || 'the question folders'}`);
  const counts = [plural(bank.questions.length, 'question'), plural(bank.rubrics.length, 'rubric'), ...(answers ? [plural(answers, 'answer file')] : []), ...(mocks ? [plural(mocks, 'mock script')] : [])];
  const list = counts.length > 1 ? `${counts.slice(0, -1).join(', ')} and ${counts.at(-1)}` : counts[0];
  print(ctx, `${c.green('ok')}  ${list} in ${plural(bank.fileCount, 'file')}, no problems`);
}
