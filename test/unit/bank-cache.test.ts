import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBank, looksLikeBank } from '../../src/questions/load.js';

describe('the parsed-bank cache', () => {
  it('is trusted only when it has the bank\'s shape; otherwise rebuilt', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pmcoach-cache-'));
    try {
      const fresh = await loadBank({ cacheDir: dir, env: {} });
      expect(looksLikeBank(JSON.parse(JSON.stringify(fresh)))).toBe(true);
      const [file] = readdirSync(dir).filter((f) => f.startsWith('bank-'));
      const path = join(dir, file!);
      const cached = JSON.parse(readFileSync(path, 'utf8'));
      for (const broken of [{ ...cached, questions: [{ ...cached.questions[0], title: 42 }] }, { ...cached, rubrics: 'x' }, [], { questions: [] }]) {
        expect(looksLikeBank(broken)).toBe(false);
        writeFileSync(path, JSON.stringify(broken));
        const again = await loadBank({ cacheDir: dir, env: {} });
        expect(again.questions.map((q) => q.title)).toEqual(fresh.questions.map((q) => q.title));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
