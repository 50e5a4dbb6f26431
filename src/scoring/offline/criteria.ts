import type { Criterion } from '../../questions/schema.js';
import type { StageId } from '../../questions/stages.js';
import { CUES, NEGATIVE_STAKE, POSITIVE_STAKE, STAKE_WORDS, STAKEHOLDER_WORDS } from './vocabulary.js';
import {
  coverage,
  cueCount,
  cueStrength,
  engagement,
  padding,
  specificNumbers,
  stakeholderGroups,
  type QuestionModel,
  type Scored,
} from './signals.js';

/** One thing a criterion looks for, how much of it was found (0..1), and what to do when it is missing. */
interface Component {
  name: string;
  value: number;
  weight: number;
  tip: string;
}

/** What the offline judge reads for one criterion. */
export interface CriterionText {
  sentences: Scored[];
  /** Every sentence of the answer, for criteria about the whole answer. */
  all: Scored[];
  /** Sentences per stage (communication checks every stage was answered). */
  byStage: Partial<Record<StageId, Scored[]>>;
  text: string;
  model: QuestionModel;
}

export interface OfflineCriterion {
  raw: number;
  evidence: string[];
  rationale: string;
  suggestion: string;
}

type Kind = 'clarification' | 'stakeholders' | 'metrics' | 'experiments' | 'decision' | 'communication' | 'generic';

const NATURAL_STAGE: Record<Kind, StageId | undefined> = {
  clarification: 'clarifying',
  stakeholders: 'stakeholders',
  metrics: 'metrics',
  experiments: 'experiments',
  decision: 'recommendation',
  communication: undefined,
  generic: undefined,
};

/** Which built-in reading a criterion gets, from its id or title (a custom rubric may use other names). */
export function kindOf(c: Pick<Criterion, 'id' | 'title'>): Kind {
  const s = `${c.id} ${c.title}`.toLowerCase();
  if (/clarif|scop/.test(s)) return 'clarification';
  if (/stakehold/.test(s)) return 'stakeholders';
  if (/metric|measur/.test(s)) return 'metrics';
  if (/experiment|test/.test(s)) return 'experiments';
  if (/decision|recommend/.test(s)) return 'decision';
  if (/communicat|structure|clarity|concis/.test(s)) return 'communication';
  return 'generic';
}

/** The stages whose reference points a criterion is checked against. */
export function referenceStages(c: Criterion): StageId[] {
  if (c.stages && c.stages.length > 0) return c.stages;
  const natural = NATURAL_STAGE[kindOf(c)];
  return natural ? [natural] : [];
}

const clamp = (v: number): number => Math.max(0, Math.min(1, v));
const scaled = (v: number, full: number): number => clamp(v / full);

function stakes(sentences: readonly Scored[], model: QuestionModel): { stakes: number; sides: number } {
  const hits: number[] = [];
  let pos = false;
  let neg = false;
  for (const s of sentences) {
    if (s.substance < 0.25) continue;
    const group = s.stems.some((st) => STAKEHOLDER_WORDS.has(st) || model.stakeholders.has(st));
    const stake = s.stems.some((st) => STAKE_WORDS.has(st));
    if (group && stake) hits.push(s.substance);
    if (s.stems.some((st) => POSITIVE_STAKE.has(st))) pos = true;
    if (s.stems.some((st) => NEGATIVE_STAKE.has(st))) neg = true;
  }
  hits.sort((a, b) => b - a);
  return { stakes: hits.reduce((a, v, i) => a + v / (i + 1), 0), sides: (pos ? 0.5 : 0) + (neg ? 0.5 : 0) };
}

function components(kind: Kind, t: CriterionText): Component[] {
  const s = t.sentences;
  const eng = engagement(s, t.model);
  const engaged: Component = { name: 'specific to this question', value: scaled(eng, 5), weight: 0.1, tip: "tie each point to this question's product, users and numbers" };
  switch (kind) {
    case 'clarification': {
      const asked = s.filter((x) => (x.question || CUES.asks.test(x.lower)) && x.substance >= 0.15);
      // One sentence may ask several things ("which regions ... and what data sources ..."): up to three count.
      const count = (x: Scored): number => Math.min(3, Math.max(1, (x.lower.match(CUES.interrogative) ?? []).length));
      const relevant = asked.reduce((a, x) => a + count(x) * (CUES.scoping.test(x.lower) || x.specific > 0 ? 1 : 0.4), 0);
      return [
        { name: 'scoping questions', value: scaled(relevant, 3), weight: 0.35, tip: 'ask the two or three questions that would change your answer (goal, segment or region, scope)' },
        { name: 'stated assumptions', value: scaled(cueCount(s, CUES.assumption), 1.2), weight: 0.25, tip: 'state your assumptions explicitly ("I will assume the goal is ... over ...")' },
        engaged,
      ];
    }
    case 'stakeholders': {
      const st = stakes(s, t.model);
      return [
        { name: 'named groups', value: scaled(stakeholderGroups(s, t.model), 4), weight: 0.2, tip: 'name the specific groups on both sides of the trade-off' },
        { name: 'what each gains or loses', value: scaled(st.stakes, 2), weight: 0.25, tip: 'say what each group gains or loses under each option' },
        { name: 'both sides of the trade-off', value: st.sides, weight: 0.15, tip: 'say who loses, not only who gains' },
        engaged,
      ];
    }
    case 'metrics':
      return [
        { name: 'primary metric', value: cueStrength(s, CUES.primaryMetric), weight: 0.15, tip: 'name one primary metric and say why it decides the question' },
        { name: 'precise definition', value: scaled(cueCount(s, CUES.definition), 1.5), weight: 0.15, tip: 'define the primary metric precisely: what is counted, per whom, over what window' },
        { name: 'guardrails', value: scaled(cueCount(s, CUES.guardrail), 1.3), weight: 0.2, tip: 'add a guardrail metric with a threshold for the side of the trade-off that could be hurt' },
        { name: 'thresholds', value: scaled(specificNumbers(s), 3), weight: 0.1, tip: 'put numbers on targets and guardrails (e.g. "no more than a 1-point drop")' },
        engaged,
      ];
    case 'experiments': {
      const parts: Array<[string, RegExp, string]> = [
        ['hypothesis', CUES.hypothesis, 'state a falsifiable hypothesis ("we expect X to rise by Y without Z falling")'],
        ['control and treatment', CUES.controlTreatment, 'say what control and treatment get'],
        ['segment', CUES.segment, 'say which segment or region is tested and why'],
        ['duration or sample size', CUES.duration, 'give a duration or sample size (e.g. "4 weeks, 5% of traffic")'],
        ['success criteria', CUES.success, 'say what result ships it'],
        ['stop criteria', CUES.stop, 'add a stop rule (e.g. "stop if the guardrail drops more than 1 point")'],
      ];
      return [
        ...parts.map(([name, cue, tip]) => ({ name, value: cueStrength(s, cue), weight: 0.6 / parts.length, tip })),
        engaged,
      ];
    }
    case 'decision': {
      const hedged = cueStrength(s, CUES.hedge) > 0;
      const rec = Math.max(cueStrength(s, CUES.recommend), cueStrength(s, CUES.imperative)) * (hedged ? 0.6 : 1);
      return [
        { name: 'clear recommendation', value: rec, weight: 0.2, tip: 'commit to one recommendation in the first sentence' },
        { name: 'what it gives up', value: cueStrength(s, CUES.givesUp), weight: 0.15, tip: 'say plainly what your recommendation gives up' },
        { name: 'mitigations', value: cueStrength(s, CUES.mitigate), weight: 0.15, tip: 'add a concrete mitigation for the cost you accept' },
        { name: 'when to revisit', value: cueStrength(s, CUES.revisit), weight: 0.1, tip: 'give a trigger for revisiting, with a number or a date' },
        engaged,
      ];
    }
    case 'communication': {
      const stages = Object.values(t.byStage);
      const answered = stages.filter((ss) => (ss ?? []).reduce((a, x) => a + x.words, 0) >= 10 && (ss ?? []).some((x) => x.substance >= 0.4)).length / Math.max(1, stages.length);
      const words = t.all.reduce((a, x) => a + x.words, 0) || 1;
      const substance = t.all.reduce((a, x) => a + x.substance * x.words, 0) / words;
      const pad = padding(t.text, t.all);
      const numbers = specificNumbers(t.all);
      return [
        { name: 'every stage answered', value: answered, weight: 0.15, tip: 'answer every stage in a few specific sentences' },
        { name: 'sentences that say something', value: clamp(substance * 1.15), weight: 0.25, tip: 'write plain statements about this product instead of lists of framework words' },
        { name: 'specific', value: 0.4 * scaled(engagement(t.all, t.model), 40) + 0.6 * scaled(numbers, 5), weight: 0.4, tip: 'use the numbers and names of this question' },
        { name: 'concise', value: 1 - pad, weight: 0.2, tip: 'cut filler, jargon and repetition; length earns nothing' },
      ];
    }
    case 'generic':
      return [
        { name: 'sentences that say something', value: clamp(s.reduce((a, x) => a + x.substance, 0) / 4), weight: 0.35, tip: 'make specific statements about this question' },
        { name: 'numbers', value: scaled(specificNumbers(s), 3), weight: 0.15, tip: 'put numbers on what you claim' },
        engaged,
      ];
  }
}

/** Raw 0..1 to a level 1..5; full marks need about 85% of what a criterion looks for. */
export function levelFor(raw: number): number {
  return Math.max(1, Math.min(5, Math.round(1 + 4 * Math.min(1, raw / 0.85))));
}

/** The offline reading of one criterion: a raw value 0..1 plus the evidence, rationale and suggestion. Pure. */
export function judgeCriterion(c: Criterion, t: CriterionText): OfflineCriterion {
  const kind = kindOf(c);
  const parts = components(kind, t);
  const points = referenceStages(c).flatMap((st) => t.model.reference[st] ?? []);
  const cov = coverage(points, t.sentences, t.model);
  const refWeight = kind === 'communication' || points.length === 0 ? 0 : 0.3;
  const partWeight = parts.reduce((a, p) => a + p.weight, 0) || 1;
  const fromParts = parts.reduce((a, p) => a + p.weight * p.value, 0) / partWeight;
  const body = refWeight > 0 ? (1 - refWeight) * fromParts + refWeight * cov.ratio : fromParts;
  const eng = kind === 'communication' ? engagement(t.all, t.model, true) / 2 : engagement(t.sentences, t.model, true);
  const gate = 0.55 + 0.45 * scaled(eng, 4);
  const raw = clamp(body * gate);

  const found = parts.filter((p) => p.value >= 0.5).map((p) => p.name);
  const missing = parts.filter((p) => p.value < 0.5);
  const evidence = [
    ...cov.covered.map((p) => `covered: ${p}`),
    ...cov.listed.map((p) => `listed, not explained: ${p}`),
    ...cov.missed.map((p) => `missed: ${p}`),
  ];
  const refText = points.length > 0 ? `; covers ${cov.covered.length} of ${points.length} reference points` : '';
  const rationale =
    t.sentences.length === 0
      ? 'Nothing was written for this part of the answer.'
      : `Found ${found.length ? found.join(', ') : 'none of what this criterion looks for'}${missing.length ? `; missing ${missing.map((p) => p.name).join(', ')}` : ''}${refText}.`;
  const worst = [...parts].sort((a, b) => b.weight * (1 - b.value) - a.weight * (1 - a.value))[0];
  const example = cov.missed[0] ? ` For example, cover "${cov.missed[0]}".` : '';
  const tip = worst && worst.value < 0.9 ? worst.tip : 'keep this level of specificity and tie it to the decision';
  const lead = levelFor(raw) >= 5 && worst && worst.value < 0.9 ? `Already strong; to sharpen it, ${tip}` : `${tip[0]!.toUpperCase()}${tip.slice(1)}`;
  const suggestion = `${lead}.${refWeight > 0 ? example : ''}`;
  return { raw, evidence, rationale, suggestion };
}
