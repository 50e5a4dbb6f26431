import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBank, type Bank } from '../../src/questions/load.js';
import { backgroundOf, backgroundText, bundledBackground, parseBackground } from '../../src/scoring/offline/background.js';
import { ROOT } from '../helpers/cli.js';

/**
 * The offline judge's default background is a snapshot of the bundled bank's word counts. Others add
 * questions to the bank, so the snapshot may lag a little; regenerate it with
 *   UPDATE_BACKGROUND=1 npx vitest run test/unit/offline-background.test.ts
 */
const FILE = join(ROOT, 'src/scoring/offline/background-snapshot.ts');

let bank: Bank;
beforeAll(async () => {
  bank = await loadBank({});
  if (process.env.UPDATE_BACKGROUND) {
    const text = backgroundText(backgroundOf(bank.questions));
    writeFileSync(FILE, `/** The bundled bank's document frequencies: written by test/unit/offline-background.test.ts (UPDATE_BACKGROUND=1). */\nexport const BUNDLED_BACKGROUND = ${JSON.stringify(text)};\n`);
  }
});

describe('offline judge background', () => {
  it('round-trips through its text form', () => {
    const bg = backgroundOf(bank.questions);
    const back = parseBackground(backgroundText(bg));
    expect(back.docs).toBe(bg.docs);
    expect([...back.ids].sort()).toEqual([...bg.ids].sort());
    expect(Object.fromEntries(back.df)).toEqual(Object.fromEntries(bg.df));
    const stemsById = (b: typeof bg) => Object.fromEntries(b.rivals.map((r) => [r.id, [...r.stems].sort()]));
    expect(stemsById(back)).toEqual(stemsById(bg));
    expect(back.rivals).toHaveLength(bank.questions.length);
  });

  it('ships a snapshot of the bundled bank as the default', () => {
    expect(readFileSync(FILE, 'utf8')).toContain('BUNDLED_BACKGROUND');
    const snapshot = bundledBackground();
    const ids = bank.questions.map((q) => q.id);
    const known = ids.filter((id) => snapshot.ids.has(id)).length;
    // A lagging snapshot still weighs words well; one that misses half the bank is due for regeneration.
    expect(known / ids.length).toBeGreaterThanOrEqual(0.5);
    expect(snapshot.docs).toBeGreaterThanOrEqual(20);
    for (const n of snapshot.df.values()) expect(n).toBeLessThanOrEqual(snapshot.docs);
  });
});
