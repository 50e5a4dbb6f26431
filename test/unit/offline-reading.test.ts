import { beforeAll, describe, expect, it } from 'vitest';
import { loadBank, type Bank } from '../../src/questions/load.js';
import type { Question } from '../../src/questions/schema.js';
import { readCall } from '../../src/scoring/offline/decision.js';
import { expandNotes } from '../../src/scoring/offline/labels.js';
import { distinct, readText } from '../../src/scoring/offline/signals.js';
import { hasVerb, splitSentences, words } from '../../src/scoring/offline/text.js';
import { questionModel } from '../../src/scoring/offline/topic.js';
import { makeQuestion } from '../helpers/sessions.js';

/** How the offline judge reads single sentences: labels, verbs, hedges, echoes, restatements. */
let bank: Bank;
let uber: Question;
beforeAll(async () => {
  bank = await loadBank({});
  uber = bank.questions.find((q) => q.id === 'uber-surge-pricing-cap')!;
});

const read = (text: string, q: Question = uber) => readText(text, questionModel(q));

describe('notes read as the sentences they stand for', () => {
  it.each([
    ['Primary metric: conversion per 1,000 sessions, measured weekly.', 'The primary metric is conversion per 1,000 sessions, measured weekly.'],
    ['Guardrails: churn < 1%, support contacts < 5 per 1,000 accounts.', 'Guardrails we protect: churn below 1%, support contacts below 5 per 1,000 accounts.'],
    ['North star: weekly active riders', 'The north star metric is weekly active riders'],
    ['Hypothesis: a cap keeps completion within 5pp', 'Our hypothesis: we expect that a cap keeps completion within 5 percentage points'],
    ['Control: uncapped surge', 'The control group gets uncapped surge'],
    ['Treatment: cap at 2.5x', 'The treatment group gets cap at 2.5x'],
    ['Segment: 10 mid-size cities', 'The test segment is 10 mid-size cities'],
    ['Duration: 8 weeks', 'The test runs for 8 weeks'],
    ['Ship if completion > 85%', 'We ship if completion above 85%'],
    ['Stop if completion ≤ 75%', 'We stop if completion at most 75%'],
    ['Revisit if opt-in stays < 20%', 'We revisit if opt-in stays below 20%'],
    ['Recommendation: soft cap for events', 'I recommend: soft cap for events'],
    ['Trade-off: some gross bookings', 'We give up some gross bookings'],
    ['Mitigation: driver bonuses', 'We mitigate this with driver bonuses'],
    ['Wait time ±2 min', 'Wait time plus or minus 2 min'],
  ])('%s', (note, sentence) => expect(expandNotes(note)).toBe(sentence));

  it('does not take words that merely start like a label for one', () => {
    expect(expandNotes('Stopping the test early would waste the data.')).toBe('Stopping the test early would waste the data.');
    expect(expandNotes('Successful drivers earn more.')).toBe('Successful drivers earn more.');
  });

  it('carries a list label over every piece of its line, and quotes the candidate, not the reading', () => {
    const s = splitSentences('Guardrails: churn < 1%; support contacts < 5 per 1,000 accounts.');
    expect(s.map((x) => x.text)).toEqual(['Guardrails we protect: churn below 1%', 'Guardrails we protect: support contacts below 5 per 1,000 accounts.']);
    expect(s.map((x) => x.source)).toEqual(['Guardrails: churn < 1%', 'support contacts < 5 per 1,000 accounts.']);
  });

  it('reads "We give up X; we mitigate with Y" as a cost and a mitigation, each a statement', () => {
    const s = splitSentences('We give up some targeting precision; we mitigate with contextual recommendations.');
    expect(s.map((x) => x.verb)).toEqual([true, true]);
  });
});

describe('verbs', () => {
  it.each([
    ['shoppers wanting relevant recommendations', false],
    ['completion during events', false],
    ['driver bonuses funded by Uber', false],
    ['the capped price', false],
    ['riders are wanting lower prices', true],
    ['we capped surge at 2x', true],
    ['drivers earn surge income', true],
    ['we mitigate with bonuses', true],
  ])('%s: %s', (text, verb) => expect(hasVerb(words(text))).toBe(verb));
});

describe('decisions', () => {
  const call = (text: string) => readCall(read(text));
  it.each([
    ['Both options have merit: a cap protects riders, while surge keeps drivers on the road.'],
    ['It really depends on how the city test comes out.'],
    ["I'd want to discuss it with the policy team before committing either way."],
    ['We need more data before deciding on a cap for events.'],
    ['If the test shows completion holds, cap surge; if not, keep it.'],
    ['Either option could work for riders in storms, so it is hard to say.'],
  ])('a hedge never commits: %s', (text) => expect(call(text).committed).toBe(false));

  it.each([
    ['Uber should cap surge at 2.5x during declared emergencies.'],
    ['Cap surge at 2.5x during declared emergencies, and revisit after one quarter.'],
    ['Keep surge for concerts, but cap it at 2.5x in declared emergencies.'],
    ["I'd launch a soft cap around 2.5x for planned events."],
    ['Recommendation: hard cap during declared emergencies; keep surge for normal events.'],
  ])('a plain call commits: %s', (text) => expect(call(text).committed).toBe(true));
});

describe('engaging the question, not echoing it', () => {
  it('gives a sentence that only restates the prompt with framework words no substance', () => {
    const [echo, framework] = read('The question is whether Uber should cap surge pricing during big events and storms.\nWe need a north star metric and guardrails for surge pricing.');
    expect(echo!.topic.echo).toBe(true);
    expect(framework!.substance).toBe(0);
    const [real] = read('Riders charged above 3x are twice as likely to churn within 60 days, so a cap protects retention.');
    expect(real!.topic.echo).toBe(false);
    expect(real!.substance).toBeGreaterThan(0.8);
  });

  it('works for an inline question with no facts or reference points', () => {
    const q = makeQuestion({ id: 'acme-dark-mode', title: 'Dark mode by default', prompt: 'Should Acme turn on dark mode by default for every user of its reading app?' });
    const [echo] = read('Acme should decide whether to turn on dark mode by default for every user.', q);
    const [real] = read('Night readers gain comfort, but older users with low vision may find dark text harder to read.', q);
    expect(echo!.substance).toBe(0);
    expect(real!.substance).toBeGreaterThan(0.5);
  });

  it('drops restatements of a point already made, near-duplicates included', () => {
    const kept = distinct(read('Riders facing 3x spikes lose trust.\nIn other words, riders facing 3x spikes lose trust.\nTo put it simply, riders lose trust when facing 3x spikes.\nDrivers earn less under a cap.'));
    expect(kept.map((s) => s.source)).toEqual(['Riders facing 3x spikes lose trust.', 'Drivers earn less under a cap.']);
  });
});
