import { describe, expect, it } from 'vitest';
import { displayWidth, graphemes, padEnd, truncate } from '../../src/text/width.js';

describe('display width', () => {
  it.each([
    ['abc', 3],
    ['主要指标', 8],
    ['café', 4],
    ['cafe\u0301', 4],
    ['👨‍👩‍👧', 2],
    ['🇫🇷', 2],
    ['❤️', 2],
    ['ｶﾀｶﾅ', 4],
    ['\u001b[1mbold\u001b[22m', 4],
    ['a\u200bb', 2],
    ['✓ 72 — ▲ +1 █░', 14],
    ['◾', 2],
    ['naïve café', 10],
  ])('%j is %i columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it('splits by grapheme, so a family emoji is one', () => {
    expect(graphemes('a👨‍👩‍👧b')).toEqual(['a', '👨‍👩‍👧', 'b']);
  });

  it('pads to a width in columns', () => {
    expect(padEnd('指标', 6)).toBe('指标  ');
  });

  it('truncates by columns without cutting a wide character or a colour code', () => {
    expect(truncate('主要指标abc', 6)).toBe('主要…');
    expect(displayWidth(truncate('主要指标abc', 6))).toBeLessThanOrEqual(6);
    const red = '\u001b[31mredredred\u001b[39m';
    const cut = truncate(red, 5);
    expect(cut).toBe('\u001b[31mredr…\u001b[0m');
    expect(truncate('short', 10)).toBe('short');
  });
});
