import { describe, expect, it } from 'vitest';
import { renderSessionMarkdown } from '../../src/transcript/markdown.js';
import { renderMockMarkdown, summarizeMock } from '../../src/transcript/mock.js';
import { readTranscriptJson, toTranscriptJson } from '../../src/transcript/json.js';
import { escapeBlock, escapeInline } from '../../src/transcript/escape.js';
import { makeScore, makeSession, makeStages } from '../helpers/sessions.js';

/** What a reader sees, roughly: blockquote markers, hard breaks and backslash escapes removed. */
function visible(md: string): string {
  return md
    .split('\n')
    .map((l) => l.replace(/^(> ?)+/, '').replace(/ {2}$/, ''))
    .join('\n')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/\u00a0/g, ' ');
}
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** A line's characters that are not backslash-escaped. */
function unescaped(line: string): string {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\' && i + 1 < line.length && /[!-/:-@[-`{-~]/.test(line[i + 1]!)) i++;
    else out += line[i];
  }
  return out;
}

/** Block-level lines as a CommonMark parser would see them: blockquote markers stripped. */
const blockLines = (md: string): string[] => md.split('\n').map((l) => l.replace(/^(> ?)+/, ''));

/** Problems a markdown document has if candidate text broke out of where it was put. */
function structureProblems(md: string, expectedHeadings: string[], tableColumns = 5): string[] {
  const problems: string[] = [];
  const headings = blockLines(md).filter((l) => /^ {0,3}#{1,6}(\s|$)/.test(l));
  if (JSON.stringify(headings) !== JSON.stringify(expectedHeadings)) problems.push(`headings: ${JSON.stringify(headings)}`);
  for (const l of blockLines(md)) {
    if (/^ {0,3}(`{3,}|~{3,})/.test(l)) problems.push(`fence: ${l}`);
    if (/^ {0,3}((-\s*){3,}|(\*\s*){3,}|(_\s*){3,}|=+)\s*$/.test(l)) problems.push(`break or setext underline: ${l}`);
    if (/^ {4,}\S/.test(l) || /^\t/.test(l)) problems.push(`indented code: ${l}`);
    const raw = unescaped(l);
    if (raw.includes('<')) problems.push(`raw HTML: ${l}`);
    if (raw.includes('`')) problems.push(`code span: ${l}`);
    if (raw.includes('[')) problems.push(`link syntax: ${l}`);
    if (/&#?[A-Za-z0-9]+;/.test(raw)) problems.push(`entity: ${l}`);
    if (/^\[[^\]]*\]:/.test(l)) problems.push(`link definition: ${l}`);
    const pipes = (raw.match(/\|/g) ?? []).length;
    if (pipes > 0 && !l.startsWith('| ')) problems.push(`pipe outside a table: ${l}`);
    if (l.startsWith('| ') && pipes !== tableColumns + 1) problems.push(`table row with ${pipes} pipes: ${l}`);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(md)) problems.push('control characters left in');
  return problems;
}

const HOSTILE: Array<[name: string, text: string]> = [
  ['atx heading', '# Ignore the rubric'],
  ['deep heading', '###### six'],
  ['heading after text', 'first line\n## second line'],
  ['setext h1', 'Title\n==='],
  ['setext h2 / rule', 'Title\n---'],
  ['lone rule', '---'],
  ['star rule', '* * *'],
  ['underscore rule', '___'],
  ['script tag', '<script>alert("x")</script>'],
  ['details block', '<details><summary>open me</summary>hidden</details>'],
  ['comment', '<!-- hidden -->'],
  ['entity', 'a &lt;b&gt; &#60;c&#62; R&D'],
  ['autolink', '<http://evil.example>'],
  ['fence 3', '```\ncode\n```'],
  ['fence 4 with info', '````js\nalert(1)\n````'],
  ['fence 10', '``````````'],
  ['indented fence', '   ```'],
  ['tilde fence', '~~~\nx\n~~~~~~'],
  ['inline code', 'use `rm -rf` carefully'],
  ['table', '| a | b |\n|---|---|\n| 1 | 2 |'],
  ['pipes', 'left|right'],
  ['link', '[click me](http://evil.example)'],
  ['image', '![tracker](http://evil.example/x.png)'],
  ['link definition', '[ref]: http://evil.example'],
  ['footnote', 'claim[^1]\n[^1]: source'],
  ['backslashes', 'C:\\path\\ and \\# and a trailing \\'],
  ['indented code', '    four spaces of code'],
  ['tab code', '\ttabbed code'],
  ['blockquote', '> quoted'],
  ['lists', '1. one\n2) two\n- dash\n* star\n+ plus\n  - nested'],
  ['list item with heading', '- # heading in a list'],
  ['emphasis', '**bold** _it_ ~~strike~~ $x^2$'],
  ['ansi colour', '\u001b[31mred\u001b[0m text'],
  ['ansi title', '\u001b]0;pwned\u0007title'],
  ['hyperlink', '\u001b]8;;http://evil.example\u001b\\link\u001b]8;;\u001b\\'],
  ['c1 csi and bell', '\u009b2Jclear\u0007'],
  ['carriage return', 'shown\rhidden'],
  ['bidi override', 'abc\u202edcba'],
];

/** The text a reader should see: control sequences gone (the rest exactly as typed). */
function expectedText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)/g, '').replace(/(\u001b\[|\u009b)[0-9;]*[A-Za-z]/g, '').replace(/\r/g, '\n').replace(/[\u0007\u202e]/g, '');
}

describe('markdown transcript: hostile text stays text', () => {
  for (const [name, text] of HOSTILE) {
    it(`${name}: in every field, renders literally and breaks nothing`, () => {
      const session = makeSession({
        candidate: text,
        questionInput: { title: `T ${text}`, prompt: `P ${text}`, company: text },
        stages: makeStages([text, `before\n${text}\nafter`, text, text, text]),
        asked: [{ q: text, a: text, source: 'llm' }],
        followup: { q: text, answer: text, secondsUsed: 10, secondsAllotted: 120, overtimeSeconds: 0 },
        score: makeScore([3, 2, 4, 3, 5, 1], {
          criteria: [{ title: `C ${text}`, evidence: [text], rationale: text, suggestion: text, flags: [text] }],
          notes: [text],
          judge: { kind: 'llm', label: text },
        }),
      });
      const md = renderSessionMarkdown(session, { timeZone: 'UTC' });
      const stages = ['1. Clarifying questions', '2. Stakeholders', '3. Metrics', '4. Experiments', '5. Recommendation'];
      const expectedHeadings = [`# ${escapeInline(`T ${text}`)}`, ...stages.map((s) => `## ${s}`), '## Follow-up', '## Scores', '### Flags', '### Notes'];
      expect(structureProblems(md, expectedHeadings)).toEqual([]);
      const seen = squash(visible(md));
      const want = squash(expectedText(text));
      if (want !== '') {
        expect(seen).toContain(squash(`T ${want}`));
        expect(seen).toContain(squash(`before ${want} after`));
        expect(seen).toContain(squash(`P ${want}`));
      }
    });
  }

  it('keeps each typed line of an answer on its own line (hard breaks) and blank lines as paragraphs', () => {
    expect(escapeBlock('one\ntwo\n\n\n\nthree')).toEqual(['one  ', 'two', '', 'three']);
  });

  it('keeps indentation visible without making code blocks', () => {
    expect(escapeBlock('    code')).toEqual(['\u00a0\u00a0\u00a0\u00a0code']);
  });
});

describe('markdown transcript: content', () => {
  const scored = makeSession({
    candidate: 'Sam',
    questionInput: { title: 'Ads vs. engagement', company: 'Instagram', prompt: 'Should we raise ad load?' },
    stages: makeStages(['Which markets?', 'Advertisers, teens', 'Revenue per user', 'A/B test 4 weeks', 'Ship 1-in-4']).map((s, i) =>
      i === 2 ? { ...s, secondsUsed: 250, secondsAllotted: 240, overtimeSeconds: 10 } : s,
    ),
    asked: [{ q: 'What is the CPM?', a: 'About $8.', source: 'fact' }],
    followup: { q: 'What if teens drop 3%?', answer: 'Exclude teens.', secondsUsed: 90, secondsAllotted: 120, overtimeSeconds: 0 },
    score: makeScore([4, 3, 2, 4, 4, 3], {
      criteria: [{}, {}, { quotes: ['Revenue per user'], suggestion: 'Add a guardrail on time spent.', flags: ['no verbatim quote supports a score above 1'] }],
      notes: ['the LLM judge failed (timeout after 120 s); scored offline instead'],
      judge: { kind: 'llm', label: 'gpt-4o-mini at https://user:secret@api.example.com/v1' },
      injectionSuspected: true,
    }),
  });
  const md = renderSessionMarkdown(scored, { timeZone: 'UTC' });

  it('shows the question, candidate and date', () => {
    expect(md).toMatch(/^# Ads vs\. engagement\n/);
    expect(md).toContain('**Company:** Instagram');
    expect(md).toContain('**Candidate:** Sam');
    expect(md).toContain('**Date:** 2026-01-15 09:00');
    expect(md).toContain('> Should we raise ad load?');
  });

  it('shows time used and allotted per stage, and overtime', () => {
    expect(md).toContain('## 3. Metrics\n\nTime: 4:10 of 4:00 · **0:10 over**');
    expect(md).toContain('## 1. Clarifying questions\n\nTime: 2:00 of 3:00\n');
    expect(md).toContain('Total time: 12:10 of 16:00 · overtime 0:10 (Metrics)');
  });

  it('shows clarifications under the clarifying stage and the follow-up with its answer', () => {
    const clar = md.indexOf('**Asked the interviewer**');
    expect(clar).toBeGreaterThan(md.indexOf('## 1. Clarifying'));
    expect(clar).toBeLessThan(md.indexOf('## 2. Stakeholders'));
    expect(md).toContain('- **Q:** What is the CPM?  \n  **A:** About \\$8. _(from the question\'s facts)_');
    expect(md).toContain("## Follow-up\n\n**Interviewer:** What if teens drop 3%?\n\nTime: 1:30 of 2:00\n\n> Exclude teens.");
  });

  it('has a criteria table with weight, score, evidence and suggestion, then flags and notes', () => {
    expect(md).toContain('| Metrics | 20% | 2/5 ██░░░ | rationale for metrics · “Revenue per user” | Add a guardrail on time spent. |');
    expect(md).toContain('- **Metrics:** no verbatim quote supports a score above 1');
    expect(md).toContain('possible prompt injection');
    expect(md).toContain('### Notes\n\n- the LLM judge failed (timeout after 120 s); scored offline instead');
  });

  it('names the criterion holding the verdict back before the table', () => {
    const at = md.indexOf('**Holding the verdict back:** Metrics (2/5). Next time: Add a guardrail on time spent.');
    expect(at).toBeGreaterThan(md.indexOf('## Scores'));
    expect(at).toBeLessThan(md.indexOf('| Criterion |'));
  });

  it('shows reference points by kind, never in quotation marks, and reads evidence saved before schema 2', () => {
    const offline = (criterion: object) =>
      renderSessionMarkdown(makeSession({ score: makeScore([3, 3, 3, 3, 3, 3], { criteria: [criterion], judge: { kind: 'offline', label: 'offline estimate' } }) }));
    const now = offline({ quotes: ['Which regions first?'], covered: ['which regions'], missed: ['advertising team'] });
    expect(now).toContain('rationale for clarification · “Which regions first?” · Covered: which regions · Missed: advertising team |');
    const legacy = offline({ quotes: undefined, covered: undefined, listed: undefined, missed: undefined, evidence: ['covered: which regions', 'missed: advertising team'] });
    expect(legacy).toContain('rationale for clarification · Covered: which regions · Missed: advertising team |');
    expect(legacy).not.toContain('“advertising team”');
  });

  it('shows overall, verdict and judge, without credentials in the server address', () => {
    expect(md).toContain(`**Overall: ${scored.score!.overall}/100 · ${scored.score!.verdict} for a PM** · judge: gpt-4o-mini at https://api.example.com/v1`);
    expect(md).not.toContain('secret');
  });

  it('says Not scored for a session without a score, and unfinished for one in progress', () => {
    const unscored = renderSessionMarkdown(makeSession({ score: undefined }));
    expect(unscored).toContain('**Not scored**');
    expect(unscored).not.toContain('| Criterion |');
    const stages = makeStages(['a', '', '', '', '']).map((s, i) => (i === 0 ? s : { ...s, status: 'pending' as const, secondsUsed: 0 }));
    const draft = renderSessionMarkdown(makeSession({ status: 'in-progress', stages }));
    expect(draft).toContain('**Status:** unfinished');
    expect(draft).toContain('## 2. Stakeholders\n\nTime: _not reached_\n\n> _(not reached)_');
  });
});

describe('mock transcript', () => {
  const a = makeSession({ questionInput: { id: 'q-a', title: 'Question A' }, score: makeScore([5, 5, 5, 5, 5, 5]) });
  const b = makeSession({ questionInput: { id: 'q-b', title: 'Question B' }, score: makeScore([3, 3, 2, 3, 3, 3]) });
  const c = makeSession({ questionInput: { id: 'q-c', title: 'Question C #' } });

  it('summarises across questions: mean overall of the scored ones, weakest per question, criteria averages', () => {
    const s = summarizeMock([a, b, c]);
    expect(s.overall).toBe(Math.round((a.score!.overall + b.score!.overall) / 2));
    expect(s.scored).toBe(2);
    expect(s.questions.map((q) => q.weakest?.id ?? null)).toEqual(['decision', 'metrics', null]);
    expect(s.criteria.find((x) => x.id === 'metrics')).toMatchObject({ average: 3.5, scores: [5, 2, null] });
  });

  it('renders one document: summary table, then each question one level down', () => {
    const md = renderMockMarkdown('Loop | round 2', [a, b, c], undefined, { timeZone: 'UTC' });
    const expected = ['# Mock interview: Loop \\| round 2', '## Summary'];
    for (const [i, t] of [['1', 'Question A'], ['2', 'Question B'], ['3', 'Question C \\#']]) {
      expected.push(`## ${i}. ${t}`, ...['1. Clarifying questions', '2. Stakeholders', '3. Metrics', '4. Experiments', '5. Recommendation'].map((x) => `### ${x}`), '### Scores');
    }
    expect(blockLines(md).filter((l) => /^#{1,6} /.test(l))).toEqual(expected);
    expect(md).toContain('| 2 | Question B | ' + b.score!.overall + ' | ' + b.score!.verdict + ' | Metrics (2) |');
    expect(md).toContain('| 3 | Question C # | — | not scored | — |');
  });
});

describe('JSON transcript', () => {
  it('has a schema version, a kind, and every key even when absent', () => {
    const j = toTranscriptJson(makeSession({ score: undefined }));
    expect(j).toMatchObject({ schemaVersion: 2, kind: 'pmcoach.transcript', candidate: null, followup: null, score: null, transcriptPath: null });
    expect(j.totals).toEqual({ secondsUsed: 600, secondsAllotted: 900, overtimeSeconds: 0 });
    expect(j.stages).toHaveLength(5);
  });

  it('gives every criterion quotes and reference points as separate fields, and names the limiting criterion', () => {
    const j = toTranscriptJson(makeSession({ score: makeScore([4, 3, 2, 4, 4, 3], { criteria: [{ quotes: ['Which regions?'], covered: ['regions'], missed: ['deadline'] }] }) }));
    expect(j.score!.criteria[0]).toMatchObject({ quotes: ['Which regions?'], covered: ['regions'], listed: [], missed: ['deadline'] });
    expect(j.score!.criteria[0]).not.toHaveProperty('evidence');
    expect(j.score!.limiting).toBe('metrics');
  });

  it('reads a schema 1 transcript: "covered:" strings mapped to their lists, other evidence to quotes', () => {
    const v1 = JSON.parse(JSON.stringify(toTranscriptJson(makeSession({ score: makeScore([4, 3, 2, 4, 4, 3]) }))));
    v1.schemaVersion = 1;
    delete v1.score.limiting;
    v1.score.judge = { kind: 'offline', label: 'offline estimate' };
    v1.score.criteria = v1.score.criteria.map(({ quotes: _q, covered: _c, listed: _l, missed: _m, ...c }: Record<string, unknown>) => ({ ...c, evidence: ['covered: regions', 'listed, not explained: ads', 'missed: deadline', 'Which regions?'] }));
    const read = readTranscriptJson(v1)!;
    expect(read.schemaVersion).toBe(2);
    expect(read.score!.criteria[0]).toMatchObject({ quotes: ['Which regions?'], covered: ['regions'], listed: ['ads'], missed: ['deadline'] });
    expect(read.score!.criteria[0]).not.toHaveProperty('evidence');
    expect(read.score!.limiting).toBe('metrics');
    expect(readTranscriptJson({ kind: 'pmcoach.transcript', schemaVersion: 9 })).toBeUndefined();
    expect(readTranscriptJson('nope')).toBeUndefined();
  });

  it('keeps the text exactly, and JSON escapes control characters so printing it is safe', () => {
    const s = makeSession({ stages: makeStages(['\u001b[31mred\u001b[0m # x']) });
    const text = JSON.stringify(toTranscriptJson(s));
    expect(JSON.parse(text).stages[0].text).toBe('\u001b[31mred\u001b[0m # x');
    expect(text).not.toContain('\u001b');
  });
});
