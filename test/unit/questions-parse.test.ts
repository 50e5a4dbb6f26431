import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBankFile } from '../../src/questions/classify.js';
import { assembleBank } from '../../src/questions/load.js';
import { formatProblem, type Problem } from '../../src/questions/problems.js';
import { questionSchema, rubricSchema } from '../../src/questions/schema.js';
import { closest } from '../../src/questions/suggest.js';
import { commandName, withDefaultCommand } from '../../src/cli/default-command.js';

const BAD = join(import.meta.dirname, '..', 'fixtures', 'questions-bad');
const parseFixture = (name: string) => parseBankFile(readFileSync(join(BAD, name)), name, 'question');
const brief = (p: Problem) => ({ line: p.line, col: p.col, field: p.field });

describe('question schema', () => {
  it('fills the documented defaults', () => {
    const q = questionSchema.parse({ id: 'a-b', title: 'T', prompt: 'P' });
    expect(q).toMatchObject({ category: 'trade-off', difficulty: 'medium', tags: [], facts: [], follow_ups: [], reference: {} });
  });

  it.each([
    ['kebab-case id', { id: 'a_b' }],
    ['empty title', { title: '  ' }],
    ['unknown difficulty', { difficulty: 'brutal' }],
    ['negative minutes', { framework: { metrics: 0 } }],
    ['unknown stage', { framework: { pricing: 3 } }],
    ['unknown top-level key', { extra: true }],
    ['fact without answer', { facts: [{ topic: 't' }] }],
  ])('rejects %s', (_name, patch) => {
    expect(questionSchema.safeParse({ id: 'a-b', title: 'T', prompt: 'P', ...patch }).success).toBe(false);
  });

  it('accepts a rubric id or an inline rubric', () => {
    expect(questionSchema.safeParse({ id: 'a', title: 'T', prompt: 'P', rubric: 'trade-off' }).success).toBe(true);
    const inline = { id: 'mini', title: 'Mini', criteria: [{ id: 'decision', title: 'Decision', weight: 1, levels: { 1: 'a', 3: 'b', 5: 'c' } }] };
    expect(questionSchema.safeParse({ id: 'a', title: 'T', prompt: 'P', rubric: inline }).success).toBe(true);
  });

  it('rejects a rubric with duplicate criterion ids', () => {
    const c = { id: 'x', title: 'X', weight: 1, levels: { 1: 'a', 3: 'b', 5: 'c' } };
    expect(rubricSchema.safeParse({ id: 'r', title: 'R', criteria: [c, c] }).success).toBe(false);
  });
});

describe('problems with positions', () => {
  it.each([
    ['unknown-key.yaml', [{ line: 4, col: 1, field: 'tgas' }, { line: 7, col: 5, field: 'facts.0.keyword' }], /did you mean "tags"/],
    ['wrong-type.yaml', [{ line: 2, col: 8, field: 'title' }, { line: 4, col: 7, field: 'tags' }], /expected a string, got number 42/],
    ['bad-enum.yaml', [{ line: 4, col: 13, field: 'difficulty' }, { line: 6, col: 12, field: 'framework.metrics' }, { line: 7, col: 3, field: 'framework.pricing' }], /must be one of "easy", "medium", "hard", got "extreme"/],
    ['missing.yaml', [{ line: 1, col: 1, field: 'title' }, { line: 1, col: 1, field: 'prompt' }], /required field is missing/],
    ['bad-id.yaml', [{ line: 1, col: 5, field: 'id' }], /kebab-case/],
    ['list-form.yaml', [{ line: 7, col: 13, field: 'questions.1.prompt' }], /must not be empty/],
    ['syntax.yaml', [{ line: 4, col: 1, field: '' }], /YAML syntax: Missing closing "quote/],
    ['empty.yaml', [{ line: 1, col: 1, field: '' }], /file is empty/],
  ])('%s reports every problem with line, column and field', (file, expected, message) => {
    const result = parseFixture(file);
    expect(result.questions).toEqual([]);
    expect(result.problems.map(brief)).toEqual(expected);
    expect(result.problems.map((p) => p.message).join('\n')).toMatch(message);
    for (const p of result.problems) expect(p.file).toBe(file);
  });

  it('suggests the nearest key for a typo inside a nested list', () => {
    const [, nested] = parseFixture('unknown-key.yaml').problems;
    expect(formatProblem(nested!)).toBe('unknown-key.yaml:7:5  facts.0.keyword: unknown field; did you mean "keywords"?');
  });

  it('lists the allowed keys when no key is close', () => {
    const p = parseFixture('bad-enum.yaml').problems.find((x) => x.field === 'framework.pricing')!;
    expect(p.message).toBe('unknown field; expected one of clarifying, stakeholders, metrics, experiments, recommendation');
  });

  it('reports a binary file, a non-UTF-8 file and a file over 1 MiB without parsing them', () => {
    const binary = parseBankFile(Uint8Array.from([0x69, 0x64, 0x00, 0x3a]), 'b.yaml', 'question');
    expect(binary.problems[0]).toMatchObject({ line: 1, col: 1, message: expect.stringMatching(/binary file/) });
    const latin1 = parseBankFile(Uint8Array.from([0x69, 0x64, 0x3a, 0x20, 0xe9, 0x0a]), 'l.yaml', 'question');
    expect(latin1.problems[0]!.message).toMatch(/not valid UTF-8/);
    const huge = parseBankFile(new Uint8Array(1024 * 1024 + 1).fill(0x20), 'h.yaml', 'question');
    expect(huge.problems[0]!.message).toMatch(/limit is 1 MiB/);
  });

  it('reports a duplicate YAML key at the second occurrence', () => {
    const r = parseBankFile(new TextEncoder().encode('id: a\ntitle: T\nprompt: P\ntitle: again\n'), 'd.yaml', 'question');
    expect(r.problems.map(brief)).toEqual([{ line: 4, col: 1, field: '' }]);
    expect(r.problems[0]!.message).toMatch(/unique/i);
  });

  it('reads one question or a list of them, keeping each id position', () => {
    const single = parseBankFile(new TextEncoder().encode('# c\nid: one\ntitle: T\nprompt: P\n'), 's.yaml', 'question');
    expect(single.questions.map((q) => [q.question.id, q.line, q.col])).toEqual([['one', 2, 5]]);
    const list = parseBankFile(new TextEncoder().encode('questions:\n  - id: a\n    title: T\n    prompt: P\n  - id: b\n    title: T\n    prompt: P\n'), 'l.yaml', 'question');
    expect(list.questions.map((q) => [q.question.id, q.line])).toEqual([['a', 2], ['b', 5]]);
  });
});

describe('model_answer', () => {
  const withAnswer = (lines: string) => parseBankFile(new TextEncoder().encode(`id: a\ntitle: T\nprompt: P\nmodel_answer:\n${lines}`), 'm.yaml', 'question');

  it('needs all five stages, each with text, and no other key, each problem at its line', () => {
    const r = withAnswer('  clarifying: Ask about the goal.\n  stakeholders: ""\n  metrics: Conversion.\n  experiment: A/B test.\n  recommendation: Ship it.\n');
    expect(r.problems.map(formatProblem)).toEqual([
      'm.yaml:5:3  model_answer.experiments: required field is missing',
      'm.yaml:6:17  model_answer.stakeholders: must not be empty',
      'm.yaml:8:3  model_answer.experiment: unknown field; did you mean "experiments"?',
    ]);
  });

  it('is kept with the question when complete', () => {
    const r = withAnswer('  clarifying: a\n  stakeholders: b\n  metrics: c\n  experiments: d\n  recommendation: e\n');
    expect(r.problems).toEqual([]);
    expect(r.questions[0]!.question.model_answer).toEqual({ clarifying: 'a', stakeholders: 'b', metrics: 'c', experiments: 'd', recommendation: 'e' });
  });
});

describe('the bank across files', () => {
  it('names both files of a duplicate id and keeps the first', () => {
    const bank = assembleBank([parseFixture('dup-a.yaml'), parseFixture('dup-b.yaml')]);
    expect(bank.questions.map((q) => q.title)).toEqual(['First']);
    expect(bank.problems.map(formatProblem)).toEqual(['dup-b.yaml:2:5  id: duplicate id "duplicated-id" (also in dup-a.yaml:1:5)']);
    expect(bank.badFiles).toEqual(['dup-b.yaml']);
  });

  it('checks that a named rubric exists', () => {
    const bank = assembleBank([parseFixture('unknown-rubric.yaml')], ['trade-off']);
    expect(bank.questions).toEqual([]);
    expect(bank.problems[0]).toMatchObject({ field: 'rubric', message: 'unknown rubric "no-such-rubric" (known: trade-off)' });
  });

  it('keeps the valid questions of a file list when another file is broken', () => {
    const bank = assembleBank([parseFixture('list-form.yaml'), parseFixture('missing.yaml')]);
    expect(bank.questions).toEqual([]);
    expect(bank.badFiles.sort()).toEqual(['list-form.yaml', 'missing.yaml']);
  });
});

describe('did you mean', () => {
  it.each([
    ['tgas', ['tags', 'title', 'id'], ['tags']],
    ['amazon-privacy', ['amazon-personalization-privacy', 'uber-surge'], ['amazon-personalization-privacy']],
    ['zzzz', ['tags', 'title'], []],
  ])('%s', (word, candidates, expected) => {
    expect(closest(word, candidates, 1)).toEqual(expected);
  });
});

describe('pmcoach with no command', () => {
  it.each([
    [[], true, ['home'], 'home'],
    [[], false, ['list'], 'list'],
    [['--questions', 'mine'], true, ['--questions', 'mine', 'home'], 'home'],
    [['--no-color', '--json'], false, ['--no-color', '--json', 'list'], 'list'],
    [['list'], true, ['list'], undefined],
    [['--questions', 'mine', 'show', 'x'], true, ['--questions', 'mine', 'show', 'x'], undefined],
    [['--help'], true, ['--help'], undefined],
    [['-V'], false, ['-V'], undefined],
  ])('%j (terminal: %s)', (args, tty, expected, added) => {
    expect(withDefaultCommand(args, tty)).toEqual(added ? { args: expected, added } : { args: expected });
  });
});

describe('the command a run names', () => {
  it.each([
    [['list', '--json'], 'list'],
    [['--questions', 'list', 'show', 'x'], 'show'],
    [['--no-color', 'grade', 'a/'], 'grade'],
    [['--help', 'list'], undefined],
    [['--json'], undefined],
  ])('%j -> %s', (args, name) => {
    expect(commandName(args)).toBe(name);
  });
});
