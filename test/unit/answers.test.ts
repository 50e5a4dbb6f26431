import { describe, expect, it } from 'vitest';
import { parseAnswerFile } from '../../src/answers/parse.js';
import { checkAnswerRefs } from '../../src/answers/check.js';
import { answerFileToSession } from '../../src/answers/to-session.js';
import { formatProblem } from '../../src/questions/problems.js';
import { questionSchema } from '../../src/questions/schema.js';

const enc = (s: string) => new TextEncoder().encode(s);
const question = questionSchema.parse({ id: 'q-one', title: 'Q', prompt: 'P?', framework: { metrics: 5 } });

describe('answer files', () => {
  it('reads stage answers, treating a bare key as an empty answer', () => {
    const r = parseAnswerFile(enc('question: q-one\ncandidate: Sam\nanswers:\n  clarifying: |\n    Who is it for?\n  stakeholders:\n'), 'a.yaml');
    expect(r.problems).toEqual([]);
    expect(r.answer).toMatchObject({ question: 'q-one', candidate: 'Sam', answers: { clarifying: 'Who is it for?\n', stakeholders: '' } });
  });

  it('reads JSON answer files with positions too', () => {
    const r = parseAnswerFile(enc('{\n  "question": "q-one",\n  "answers": { "metric": "x" }\n}\n'), 'a.json');
    expect(r.problems.map(formatProblem)).toEqual(['a.json:3:16  answers.metric: unknown field; did you mean "metrics"?']);
  });

  it.each([
    ['unknown top-level key', 'question: q-one\nanswers: {}\nscore: 5\n', 'a.yaml:3:1  score: unknown field'],
    ['unknown stage id', 'question: q-one\nanswers:\n  pricing: x\n', 'a.yaml:3:3  answers.pricing: unknown field; expected one of clarifying, stakeholders, metrics, experiments, recommendation'],
    ['negative timing', 'question: q-one\nanswers: {}\ntiming:\n  metrics: -3\n', 'a.yaml:4:12  timing.metrics: must be a number of seconds, 0 or more'],
    ['a list as answer', 'question: q-one\nanswers:\n  metrics: [a, b]\n', 'a.yaml:3:12  answers.metrics: expected a string, got a list'],
    ['no answers', 'question: q-one\n', 'a.yaml:1:1  answers: required field is missing'],
  ])('reports %s with file:line:col', (_name, text, expected) => {
    expect(parseAnswerFile(enc(text), 'a.yaml').problems.map(formatProblem)[0]).toMatch(new RegExp('^' + expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  });

  it('accepts an inline question and reports its problems inside it', () => {
    const ok = parseAnswerFile(enc('question:\n  id: inline-q\n  title: T\n  prompt: P\nanswers: {}\n'), 'a.yaml');
    expect(ok.problems).toEqual([]);
    const bad = parseAnswerFile(enc('question:\n  id: inline-q\n  title: T\nanswers: {}\n'), 'a.yaml');
    expect(bad.problems.map((p) => p.field)).toEqual(['question.prompt']);
  });

  it('names an unknown question id at its position and suggests the closest', () => {
    const r = parseAnswerFile(enc('# sam\nquestion: q-onne\nanswers: {}\n'), 'a.yaml');
    expect(checkAnswerRefs([r], ['q-one', 'q-two']).map(formatProblem)).toEqual(['a.yaml:2:11  question: unknown question "q-onne"; did you mean "q-one"?']);
  });

  it('becomes a finished session: empty stages skipped, overtime from timing', () => {
    const r = parseAnswerFile(enc('question: q-one\nanswers:\n  metrics: Conversion.\ntiming:\n  metrics: 330\n  clarifying: 60\nasked:\n  - q: Which market?\n    a: The US.\n'), 'a.yaml');
    const s = answerFileToSession(r.answer!, question, { id: 's1', now: new Date('2026-01-02T03:04:05Z'), origin: 'grade' });
    expect(s.status).toBe('finished');
    expect(s.stages.map((x) => [x.id, x.status, x.secondsUsed, x.secondsAllotted, x.overtimeSeconds])).toEqual([
      ['clarifying', 'skipped', 60, 180, 0],
      ['stakeholders', 'skipped', 0, 180, 0],
      ['metrics', 'done', 330, 300, 30],
      ['experiments', 'skipped', 0, 240, 0],
      ['recommendation', 'skipped', 0, 180, 0],
    ]);
    expect(s.asked).toEqual([{ q: 'Which market?', a: 'The US.', source: 'given' }]);
    expect(s.createdAt).toBe('2026-01-02T03:04:05.000Z');
  });
});
