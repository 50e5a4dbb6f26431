import { describe, expect, it } from 'vitest';
import { renderScore, sessionTimes, type Paint } from '../../src/cli/render-score.js';
import { formatDuration as clock, scoreBar } from '../../src/text/format.js';
import type { ScoreResult } from '../../src/scoring/types.js';
import { createPainter } from '../../src/cli/paint.js';

const none = { quotes: [], covered: [], listed: [], missed: [] };

const result = (over: Partial<ScoreResult> = {}): ScoreResult => ({
  rubricId: 'trade-off',
  criteria: [
    { id: 'metrics', title: 'Metrics', weight: 20, score: 4, ...none, quotes: ['opt-in rate above 30%'], rationale: 'Precise primary metric.', suggestion: 'Add a guardrail on revenue.', flags: [] },
    { id: 'decision', title: 'Decision', weight: 20, score: 2, ...none, rationale: 'No clear call.', suggestion: 'Commit to one option.', flags: ['no verbatim quote supports a score above 1'] },
  ],
  overall: 50,
  verdict: 'lean hire',
  judge: { kind: 'llm', label: 'gpt-4o-mini at https://api.openai.com/v1', model: 'gpt-4o-mini', baseUrl: 'https://api.openai.com/v1' },
  samples: 1,
  injectionSuspected: false,
  notes: [],
  scoredAt: '2026-01-02T10:00:00.000Z',
  ...over,
});

describe('score display', () => {
  it('shows overall, verdict, judge, the criteria table with bars, evidence, suggestions and flags', () => {
    const text = renderScore(result());
    const lines = text.split('\n');
    expect(lines[0]).toBe('Score 50/100  lean hire for a PM   judge: gpt-4o-mini at https://api.openai.com/v1');
    expect(text).toMatch(/Metrics\s+50%\s+████░ 4/);
    expect(text).toMatch(/Decision\s+50%\s+██░░░ 2 !/);
    expect(text).toContain('  “opt-in rate above 30%”');
    expect(text).toContain('  Why: Precise primary metric.');
    expect(text).toContain('  Next time: Commit to one option.');
    expect(text).toContain('  ! no verbatim quote supports a score above 1');
    expect(text).not.toContain('Time per stage');
  });

  it('shows time per stage with overtime and a total', () => {
    const text = renderScore(result(), {
      stages: [
        { id: 'clarifying', secondsUsed: 150, secondsAllotted: 180, overtimeSeconds: 0 },
        { id: 'metrics', secondsUsed: 330, secondsAllotted: 240, overtimeSeconds: 90 },
      ],
    });
    expect(text).toMatch(/Clarifying questions\s+2:30\s+3:00\s+-/);
    expect(text).toMatch(/Metrics\s+5:30\s+4:00\s+\+1:30/);
    expect(text).toMatch(/Total\s+8:00\s+7:00\s+\+1:30/);
  });

  it('shows quotes as quotes and reference points by kind, never in quotation marks', () => {
    const text = renderScore(
      result({
        judge: { kind: 'offline', label: 'offline estimate' },
        criteria: [{ id: 'metrics', title: 'Metrics', weight: 1, score: 3, quotes: ['Opt-in stays above 30%.'], covered: ['opt-in rate', 'trust survey'], listed: ['revenue'], missed: ['complaints'], rationale: 'r', suggestion: 's', flags: [] }],
      }),
    );
    expect(text).toContain('judge: offline estimate');
    expect(text).toContain('  “Opt-in stays above 30%.”');
    expect(text).toContain('  Covered: opt-in rate; trust survey');
    expect(text).toContain('  Listed, not explained: revenue');
    expect(text).toContain('  Missed: complaints');
    expect(text).not.toMatch(/[“"]complaints/);
  });

  it('reads scores saved before schema 2: offline "covered:" strings by kind, other evidence as quotes', () => {
    const legacy = { id: 'metrics', title: 'Metrics', weight: 1, score: 3, evidence: ['covered: opt-in rate', 'listed, not explained: revenue', 'missed: complaints'], rationale: 'r', suggestion: 's', flags: [] };
    const text = renderScore(result({ judge: { kind: 'offline', label: 'offline estimate' }, criteria: [legacy as never] }));
    expect(text).toContain('  Covered: opt-in rate');
    expect(text).toContain('  Missed: complaints');
    expect(text).not.toContain('covered:');
    const llm = renderScore(result({ criteria: [{ ...legacy, evidence: ['Which regions first?'] } as never] }));
    expect(llm).toContain('  “Which regions first?”');
  });

  it('names the criterion holding the verdict back first, and shows it first in the details', () => {
    const lines = renderScore(result({ limiting: 'decision' })).split('\n');
    expect(lines[1]).toBe('Holding the verdict back: Decision (2/5). Next time: Commit to one option.');
    const details = lines.filter((l) => /^(Metrics|Decision)  \d/.test(l));
    expect(details).toEqual(['Decision  2/5', 'Metrics  4/5']);
    // Without a limiting field (older files), the view works it out: the lower score at the same weight.
    expect(renderScore(result()).split('\n')[1]).toContain('Holding the verdict back: Decision');
  });

  it('shows notes, injection, median and spread', () => {
    const text = renderScore(
      result({
        samples: 3,
        injectionSuspected: true,
        notes: ['The LLM judge could not score this (timeout); scored offline instead.'],
        criteria: [{ id: 'metrics', title: 'Metrics', weight: 1, score: 3.5, spread: [2, 5], ...none, rationale: 'r', suggestion: 's', flags: ['samples disagree: scores spread 2-5'] }],
      }),
    );
    expect(text).toContain('median of 3 samples');
    expect(text).toContain('! The LLM judge could not score this (timeout); scored offline instead.');
    expect(text).toContain('! The answer seems to address the grader');
    expect(text).toMatch(/Metrics\s+100%\s+███▌░ 3\.5 \(2-5\) !/);
  });

  it('colours through the paint it is given, and prints model text without control sequences', () => {
    const tag = (name: string) => (s: string) => `<${name}>${s}</${name}>`;
    const paint: Paint = { bold: tag('b'), dim: tag('d'), green: tag('g'), yellow: tag('y'), red: tag('r'), cyan: tag('c') };
    const text = renderScore(result({ verdict: 'hire', criteria: [{ ...result().criteria[0]!, rationale: 'ok\u001b[2J\u001b]0;x\u0007' }] }), { paint });
    expect(text).toContain('<g><b>hire for a PM</b></g>');
    expect(text).toContain('<c>  Next time: Add a guardrail on revenue.</c>');
    expect(text).toContain('Why: ok');
    expect(text).not.toContain('\u001b');
  });

  it('bars and clocks', () => {
    expect([1, 2.5, 5].map(scoreBar)).toEqual(['█░░░░', '██▌░░', '█████']);
    expect([0, 59, 61, 3600].map(clock)).toEqual(['0:00', '0:59', '1:01', '1:00:00']);
  });
});

describe('the terminal painter', () => {
  it('wraps text in SGR codes only when enabled', () => {
    expect(createPainter(true).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(createPainter(false).red('x')).toBe('x');
    expect(createPainter(true).bold('')).toBe('');
  });

  it('keeps the outer style after a nested one closes', () => {
    const c = createPainter(true);
    expect(c.bold(`a ${c.dim('b')} c`)).toBe('\u001b[1ma \u001b[2mb\u001b[22m\u001b[1m c\u001b[22m');
    expect(c.red(`a ${c.green('b')} c`)).toBe('\u001b[31ma \u001b[32mb\u001b[39m\u001b[31m c\u001b[39m');
  });
});

describe('time per stage with a push-back', () => {
  it('adds the follow-up as a last row, with its overtime in the total', () => {
    const stages = [{ id: 'clarifying', secondsUsed: 100, secondsAllotted: 180, overtimeSeconds: 0 }];
    const out = renderScore(result(), { stages: sessionTimes({ stages, followup: { secondsUsed: 150, secondsAllotted: 120, overtimeSeconds: 30 } }) });
    expect(out).toMatch(/Follow-up\s+2:30\s+2:00\s+\+0:30/);
    expect(out).toMatch(/Total\s+4:10\s+5:00\s+\+0:30/);
    expect(sessionTimes({ stages })).toEqual(stages);
  });
});
