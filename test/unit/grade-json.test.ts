import { describe, expect, it } from 'vitest';
import { printJsonArray } from '../../src/cli/commands/grade/results.js';

/** What `grade --json` writes for `items`, as one string. */
function printed(items: Array<Record<string, unknown>>): { text: string; writes: number } {
  let text = '';
  let writes = 0;
  const stdout = { write: (chunk: string) => ((text += chunk), writes++, true) } as unknown as NodeJS.WriteStream;
  printJsonArray({ stdout }, items, (x) => x);
  return { text, writes };
}

describe('grade --json, written one element at a time', () => {
  it('is exactly JSON.stringify of the whole array, with shared objects, undefined fields and nested values', () => {
    const question = { id: 'q', facts: [{ topic: 't', keywords: ['a', 'b'] }], empty: {}, none: [], text: 'line one\nline "two"' };
    const items = [
      { file: 'a.yaml', question, score: { overall: 50, notes: [], limiting: undefined }, stages: [{ id: 's', text: 'x\ty' }] },
      { file: 'b.yaml', question, score: null, stages: [], skip: undefined, fn: () => 1 },
      { file: 'c.yaml', question: { ...question, id: 'other' }, nested: [[1, [2, { deep: true }]]], date: new Date(0) },
      {},
    ];
    expect(printed(items).text).toBe(JSON.stringify(items, null, 2) + '\n');
  });

  it('prints an empty array for no results', () => {
    expect(printed([]).text).toBe('[]\n');
  });

  it('writes a large cohort in chunks of about a mebibyte, still as one valid array', () => {
    const question = { id: 'q', model_answer: 'x'.repeat(20_000) };
    const items = Array.from({ length: 200 }, (_, i) => ({ file: `f${i}.yaml`, question }));
    const { text, writes } = printed(items);
    expect(writes).toBeGreaterThan(2);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(items)));
    expect(text).toBe(JSON.stringify(items, null, 2) + '\n');
  });
});
