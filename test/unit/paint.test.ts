import { describe, expect, it } from 'vitest';
import { colorLevel, createPainter } from '../../src/cli/paint.js';
import { renderCard, limitingFactor, nextSteps } from '../../src/cli/result-card.js';
import type { ScoreResult } from '../../src/scoring/types.js';
import { displayWidth } from '../../src/text/width.js';

describe('colour level (chalk is told, never asked)', () => {
  const env = (e: { noColor?: boolean; forceColor?: string; term?: string } = {}) => ({ noColor: false, ...e });
  it.each([
    ['a terminal', { env: env(), isTTY: true }, 1],
    ['a pipe', { env: env(), isTTY: false }, 0],
    ['TERM=dumb in a terminal', { env: env({ term: 'dumb' }), isTTY: true }, 0],
    ['--no-color in a terminal', { flag: false, env: env(), isTTY: true }, 0],
    ['--json in a terminal', { json: true, env: env(), isTTY: true }, 0],
    ['NO_COLOR in a terminal', { env: env({ noColor: true }), isTTY: true }, 0],
    ['NO_COLOR wins over FORCE_COLOR', { env: env({ noColor: true, forceColor: '1' }), isTTY: false }, 0],
    ['FORCE_COLOR=1 in a pipe', { env: env({ forceColor: '1' }), isTTY: false }, 1],
    ['FORCE_COLOR= (empty) in a pipe', { env: env({ forceColor: '' }), isTTY: false }, 1],
    ['FORCE_COLOR=3 in a pipe', { env: env({ forceColor: '3' }), isTTY: false }, 3],
    ['FORCE_COLOR=0 in a terminal', { env: env({ forceColor: '0' }), isTTY: true }, 0],
    ['FORCE_COLOR=false in a terminal', { env: env({ forceColor: 'false' }), isTTY: true }, 0],
    ['--no-color wins over FORCE_COLOR', { flag: false, env: env({ forceColor: '1' }), isTTY: true }, 0],
  ])('%s', (_name, input, level) => {
    expect(colorLevel(input)).toBe(level);
  });

  it('paints with chalk at the level given, and not at all at 0', () => {
    expect(createPainter(1).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(createPainter(0).red('x')).toBe('x');
    expect(createPainter(1).bold(`a ${createPainter(1).dim('b')} c`)).toContain('c\u001b[22m');
  });
});

const score = (over: Partial<ScoreResult> = {}): ScoreResult => ({
  rubricId: 'trade-off',
  overall: 58,
  verdict: 'lean hire',
  judge: { kind: 'offline', label: 'offline estimate' },
  samples: 1,
  injectionSuspected: false,
  notes: [],
  scoredAt: '2026-11-20T10:00:00.000Z',
  criteria: [
    { id: 'clarification', title: 'Clarification', weight: 15, score: 4, evidence: [], quotes: [], covered: [], listed: [], missed: [], rationale: 'Asked about goal.', suggestion: 'State one assumption.', flags: [] },
    { id: 'metrics', title: 'Metrics', weight: 20, score: 2, evidence: [], quotes: [], covered: [], listed: [], missed: [], rationale: 'No guardrail threshold.', suggestion: 'Give the guardrail a threshold.', flags: [] },
    { id: 'experiments', title: 'Experiments', weight: 20, score: 3, evidence: [], quotes: [], covered: [], listed: [], missed: [], rationale: 'A test, no duration.', suggestion: 'Say how long the test runs and why.', flags: [] },
    { id: 'decision', title: 'Decision', weight: 20, score: 3, evidence: [], quotes: [], covered: [], listed: [], missed: [], rationale: 'Decides late.', suggestion: 'Lead with the decision.', flags: ['spread 2-4'] },
    { id: 'communication', title: 'Communication', weight: 10, score: 5, evidence: [], quotes: [], covered: [], listed: [], missed: [], rationale: 'Clear.', suggestion: 'Keep it up.', flags: [] },
  ],
  ...over,
});

describe('the result card', () => {
  const plain = createPainter(false);
  it('puts the criterion that costs the most points first, and the three most valuable next steps', () => {
    expect(limitingFactor(score())?.id).toBe('metrics');
    expect(nextSteps(score())).toEqual(['Give the guardrail a threshold.', 'Say how long the test runs and why.', 'Lead with the decision.']);
  });

  it('fits 80 columns and a few lines, with overall and verdict first', () => {
    const long = 'x'.repeat(200);
    const lines = renderCard({ score: score({ notes: [long] }), title: `Q ${long}`, time: { secondsUsed: 905, secondsAllotted: 1020, overtimeSeconds: 30, followup: true }, transcriptPath: `/home/someone/${'deep/'.repeat(30)}20261120-100000-ab12-q.md` }, plain, 80);
    expect(lines[0]).toMatch(/^Score 58\/100  lean hire for a PM  judge: offline estimate$/);
    expect(lines.length).toBeLessThanOrEqual(15);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(80);
    expect(lines.join('\n')).toContain('Time 15:05 of 17:00 with the follow-up (+0:30 over)');
    expect(lines.at(-1)).toMatch(/^Transcript ….*20261120-100000-ab12-q\.md$/);
  });

  it('strips control sequences from titles and model text', () => {
    const lines = renderCard({ score: score({ criteria: [{ ...score().criteria[1]!, title: 'Met\u001b]0;pwned\u0007rics\u001b[2J' }] }), title: 'T\u001b[31m' }, plain, 80);
    expect(lines.join('\n')).not.toMatch(/\u001b/);
  });
});
