import { describe, expect, it } from 'vitest';
import { parseYaml, expandsBeyond, MAX_ALIASES } from '../../src/questions/parse.js';
import { parseBankFile } from '../../src/questions/classify.js';

const laughs = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefg'[i]}`).join(',')}]`)].join('\n');

/** A question list whose questions all reuse one anchor, `n` times. */
const reuse = (n: number): string =>
  ['shared: &fw { clarifying: 2, metrics: 5 }', 'questions:', ...Array.from({ length: n }, (_, i) => `  - { id: q-${i}, title: Q ${i}, prompt: P ${i}, framework: *fw }`)].join('\n');

describe('YAML aliases are a problem of the file, never a crash', () => {
  it('a "billion laughs" file is one problem at its first alias', () => {
    const r = parseYaml(laughs, 'bomb.yaml');
    expect(r.parsed).toBeUndefined();
    expect(r.problems).toEqual([{ file: 'bomb.yaml', line: 2, col: 8, field: '', message: expect.stringMatching(/^too many YAML aliases \(more than 1000/) }]);
  });

  it('an ordinary list reusing one anchor 100, 150 and 900 times is fine (yaml\'s default of 100 refused them)', () => {
    for (const n of [100, 150, 900]) expect(parseYaml(reuse(n), 'list.yaml').problems, String(n)).toEqual([]);
    expect(parseYaml(reuse(MAX_ALIASES + 1), 'list.yaml').problems[0]?.message).toMatch(/too many YAML aliases/);
  });

  it('an alias to a missing anchor is a problem too', () => {
    expect(parseYaml('a: *nowhere\n', 'x.yaml').problems[0]?.message).toMatch(/^YAML/);
  });

  it('the bank loader reports it for that file only', () => {
    const r = parseBankFile(new TextEncoder().encode(laughs), 'bomb.yaml', 'question');
    expect(r.questions).toEqual([]);
    expect(r.problems).toHaveLength(1);
  });

  it('expandsBeyond stops at the budget', () => {
    const shared = Array(1000).fill('x');
    expect(expandsBeyond(Array(1000).fill(shared), 1_000_000)).toBe(true);
    expect(expandsBeyond([shared, shared], 1_000_000)).toBe(false);
  });
});
