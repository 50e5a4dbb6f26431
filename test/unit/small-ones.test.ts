import { describe, expect, it } from 'vitest';
import { parseAnswerFile } from '../../src/answers/parse.js';
import { parseBankFile } from '../../src/questions/classify.js';
import { checkValue } from '../../src/config/file.js';
import { resolveJudgeSettings } from '../../src/config/settings.js';
import { describeError } from '../../src/llm/client.js';
import { EXIT_USAGE, UserError } from '../../src/errors.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('issue 14, the small ones', () => {
  it('.inf and .nan say what they are', () => {
    const r = parseAnswerFile(enc('question: q-a\nanswers: { metrics: x }\ntiming: { metrics: .inf, experiments: .nan }\n'), 'a.yaml');
    expect(r.problems.map((p) => p.message)).toEqual(['expected a number, got .inf (infinity)', 'expected a number, got .nan (not a number)']);
  });

  it('timings are bounded', () => {
    const r = parseAnswerFile(enc('question: q-a\nanswers: { metrics: x }\ntiming: { metrics: 1e300 }\n'), 'a.yaml');
    expect(r.problems).toEqual([expect.objectContaining({ field: 'timing.metrics', message: 'must be at most 86400 seconds (a day)' })]);
  });

  it('a bad --base-url or --model is bad usage (exit 2)', () => {
    for (const flags of [{ baseUrl: 'ftp://x' }, { model: 'two words' }]) {
      let error: unknown;
      try {
        resolveJudgeSettings({ flags });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).exitCode).toBe(EXIT_USAGE);
    }
  });

  it('a base URL with a query string or fragment is refused', () => {
    expect(checkValue('baseUrl', 'http://localhost:8000/v1?api-version=1')).toMatchObject({ ok: false, message: expect.stringMatching(/query string/) });
    expect(checkValue('baseUrl', 'http://localhost:8000/v1#x')).toMatchObject({ ok: false });
    expect(checkValue('baseUrl', 'http://localhost:8000/v1/')).toEqual({ ok: true, value: 'http://localhost:8000/v1' });
  });

  it('"terminated" and "Unexpected end of JSON input" name the server and say what happened', () => {
    const ctx = { baseUrl: 'http://127.0.0.1:9/v1', model: 'm', timeoutSeconds: 5 };
    expect(describeError(new TypeError('terminated'), ctx)).toBe('http://127.0.0.1:9/v1 closed the connection before the reply was complete');
    expect(describeError(new SyntaxError('Unexpected end of JSON input'), ctx)).toMatch(/^http:\/\/127\.0\.0\.1:9\/v1 sent a reply that is not valid JSON/);
  });

  it('a binary answer file is not told about "the questions folder"', () => {
    const r = parseAnswerFile(Uint8Array.from([0x61, 0x00]), 'a.yaml');
    expect(r.problems[0]!.message).not.toMatch(/questions folder/);
    expect(parseBankFile(Uint8Array.from([0x61, 0x00]), 'q.yaml', 'question').problems[0]!.message).toMatch(/^binary file/);
  });
});
