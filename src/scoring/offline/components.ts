import { STAGE_IDS, type StageId } from '../../questions/stages.js';
import { readCall } from './decision.js';
import { bestCue, cueHits, diminishing, specificNumbers, stakeholderGroups, type Hit } from './match.js';
import { GROUNDED, usefulShare, type Scored } from './signals.js';
import type { QuestionModel } from './topic.js';
import { CUES, NEGATIVE_STAKE, POSITIVE_STAKE, STAKE_WORDS, STAKEHOLDER_WORDS } from './vocabulary.js';

/**
 * What each criterion looks for, as data: every component with how much of it was found (0..1), the
 * sentences that show it, what to do when it is missing and what would make it sharper when found. The
 * rationale, the evidence and the suggestion are all read from this one list (criteria.ts). Tips never name
 * another component, so a suggestion cannot ask for something the answer already has.
 */
export interface Component {
  name: string;
  weight: number;
  value: number;
  quotes: string[];
  tip: string;
  sharpen: string;
}

export type Kind = 'clarification' | 'stakeholders' | 'metrics' | 'experiments' | 'decision' | 'communication' | 'generic';

/** What the offline judge reads for one criterion. */
export interface CriterionText {
  /** The criterion's sentences, each point once (restatements dropped). */
  sentences: Scored[];
  /** Every sentence as written, restatements included (padding is measured on these). */
  raw: Scored[];
  /** Every distinct sentence of the answer, for criteria about the whole answer. */
  all: Scored[];
  allRaw: Scored[];
  /** Each stage's sentences, each point once. */
  byStage: Partial<Record<StageId, Scored[]>>;
  model: QuestionModel;
  /** How much the criterion's sentences engage the question (`engagementOf`), and the whole answer's points. */
  engagement: number;
  allEngagement: number;
  /** Engagement with the question at which a stage counts as fully about it. */
  target: number;
  /** 0..1: how much the whole answer engages this question (an answer to another question scores near 0). */
  answerTopic: number;
}

const clamp = (v: number): number => Math.max(0, Math.min(1, v));
const part = (name: string, weight: number, hit: Hit, full: number, tip: string, sharpen: string): Component => ({ name, weight, value: clamp(hit.value / full), quotes: hit.quotes, tip, sharpen });

/** The component every criterion has: how much its sentences engage this question. */
export const TIED_TO_QUESTION = 'tied to this question';

function engaged(t: CriterionText): Component {
  return part(TIED_TO_QUESTION, 0.1, { value: t.engagement, quotes: [] }, t.target * 2, "tie each point to this question's product, users and numbers", 'bring in one more of the facts this question gives');
}

function clarification(t: CriterionText): Component[] {
  const s = t.sentences;
  const asked = s.filter((x) => (x.question || CUES.asks.test(x.lower)) && x.substance >= 0.15);
  // One sentence may ask several things ("which regions ... and what data sources ..."): up to three count.
  const count = (x: Scored): number => Math.min(3, Math.max(1, (x.lower.match(CUES.interrogative) ?? []).length));
  const value = asked.reduce((a, x) => a + count(x) * (CUES.scoping.test(x.lower) || x.topic.weight >= GROUNDED ? 1 : 0.4) * Math.min(1, x.substance / 0.5), 0);
  return [
    part('scoping questions', 0.35, { value, quotes: asked.slice(0, 2).map((x) => x.source) }, 3, 'ask the two or three questions whose answers would change your call (goal, segment or region, scope)', 'say how each answer would change your call'),
    part('stated assumptions', 0.25, cueHits(s, CUES.assumption), 1.2, 'say what you take as given where the facts are unknown ("I\'ll assume the goal is ... over ...")', 'put a number or a horizon on what you take as given'),
    engaged(t),
  ];
}

function stakeholders(t: CriterionText): Component[] {
  const s = t.sentences.filter((x) => x.substance >= 0.25);
  const group = (x: Scored): boolean => x.stems.some((st) => STAKEHOLDER_WORDS.has(st) || t.model.stakeholders.has(st));
  const stakes = diminishing(s.filter((x) => group(x) && x.stems.some((st) => STAKE_WORDS.has(st))));
  const gain = s.find((x) => x.stems.some((st) => POSITIVE_STAKE.has(st)));
  const loss = s.find((x) => x.stems.some((st) => NEGATIVE_STAKE.has(st)));
  // Both means both: one side alone is not found.
  const sides = { value: gain && loss ? 1 : gain || loss ? 0.45 : 0, quotes: [gain, loss].filter((x): x is Scored => x !== undefined).map((x) => x.source) };
  return [
    // A bare name in a list of bullets ("- Card networks") still names a group; a keyword dump does not.
    part('named groups', 0.2, stakeholderGroups(t.sentences.filter((x) => x.substance > 0.05), t.model), 4, 'name the specific groups on each side, not just "users" or "the business"', 'say whose interest weighs most and why'),
    part('what each gains or loses', 0.25, stakes, 2, 'say what each group wins or pays under each option', 'put a number on the biggest stake'),
    part('both sides', 0.15, sides, 1, 'say who is worse off under your option, not only who benefits', 'say how the losing group might react'),
    engaged(t),
  ];
}

function metrics(t: CriterionText): Component[] {
  const s = t.sentences;
  return [
    part('primary metric', 0.15, bestCue(s, CUES.primaryMetric), 1, 'name the one measure that decides the question and say why', 'say why it decides the question better than the alternatives'),
    part('precise definition', 0.15, cueHits(s, CUES.definition), 1.5, 'define what is counted, per whom, over what window', 'name the population and window exactly'),
    part('guardrails', 0.2, cueHits(s, CUES.guardrail, t.model.prompt), 1.3, 'add a counter-metric with a limit for the side of the trade-off that could be hurt', 'add a leading indicator that moves before the lagging one'),
    part('thresholds', 0.1, specificNumbers(s), 3, 'put figures on your targets and limits (e.g. "no more than a 1-point drop")', 'tie each figure to a baseline from the question'),
    engaged(t),
  ];
}

const EXPERIMENT_PARTS: ReadonlyArray<[string, RegExp, string, string]> = [
  ['hypothesis', CUES.hypothesis, 'state a falsifiable prediction ("we expect X to rise by Y without Z falling")', 'put a size on the expected effect'],
  ['control and treatment', CUES.controlTreatment, 'say what each group gets: today\'s experience versus the change', 'say how units are randomised'],
  ['segment', CUES.segment, 'say which users, regions or markets are tested and why', 'say why results there carry over to everyone'],
  ['duration or sample size', CUES.duration, 'give how long it runs or how many users it needs (e.g. "4 weeks, 5% of traffic")', 'say why that length covers weekly cycles'],
  ['success criteria', CUES.success, 'say which result ships it, with a number', 'tie the ship rule to the decision you would make'],
  ['stop criteria', CUES.stop, 'add a rule for halting early (e.g. "halt if completion drops more than 5 points")', 'add a holdout to catch novelty effects'],
];

function experiments(t: CriterionText): Component[] {
  return [...EXPERIMENT_PARTS.map(([name, cue, tip, sharpen]) => part(name, 0.1, bestCue(t.sentences, cue), 1, tip, sharpen)), engaged(t)];
}

function decision(t: CriterionText): Component[] {
  const s = t.sentences;
  const call = readCall(s);
  return [
    part('clear recommendation', 0.3, call.call, 1, 'commit to one call in your first sentence ("Ship X", "Keep Y, but ...")', 'say in one line why this call beats the alternative'),
    part('what it gives up', 0.15, bestCue(s, CUES.givesUp, t.model.prompt), 1, 'say plainly the cost your call accepts', 'put a number on that cost'),
    part('mitigations', 0.15, bestCue(s, CUES.mitigate, t.model.prompt), 1, 'add a concrete step that reduces the cost you accept', 'say who owns that step and when'),
    part('when to revisit', 0.1, bestCue(s, CUES.revisit), 1, 'give a trigger for changing course, with a number or a date', 'name the metric that would make you reverse the call'),
    engaged(t),
  ];
}

function communication(t: CriterionText): Component[] {
  // Every stage of the framework, written or not: a stage left out of an answer file is an unanswered stage.
  const stages = STAGE_IDS.map((id) => t.byStage[id] ?? []);
  const answered = stages.filter((ss) => ss.reduce((a, x) => a + (x.substance >= 0.3 ? x.words : 0), 0) >= 10 && ss.some((x) => x.substance >= 0.4));
  const share = usefulShare(t.allRaw, t.all);
  const numbers = specificNumbers(t.all);
  const e = t.allEngagement;
  const words = t.allRaw.reduce((a, x) => a + x.words, 0) || 1;
  const jargon = t.allRaw.reduce((a, x) => a + x.jargon, 0) / words;
  return [
    // "Every" means every: one stage short is not found, whatever the share.
    part('every stage answered', 0.15, { value: answered.length === stages.length ? 1 : Math.min(0.45, answered.length / stages.length), quotes: [] }, 1, 'answer each stage in a few concrete sentences', 'open each stage with its conclusion'),
    part('sentences that say something', 0.25, { value: share, quotes: [] }, 0.75, 'write plain statements with reasons instead of lists of framework words', 'lead each stage with the point that matters most'),
    part('numbers and names of this question', 0.4, { value: 0.4 * clamp(e / (t.target * 6)) + 0.6 * clamp(numbers.value / 5), quotes: numbers.quotes }, 1, 'use the figures and names this question gives', 'say which figure drives your call'),
    part('concise', 0.2, { value: clamp(share / 0.75 - jargon * 3), quotes: [] }, 1, 'cut filler, restatements and jargon; length earns nothing', 'cut the weakest sentence of each stage'),
  ];
}

function generic(t: CriterionText): Component[] {
  return [
    part('sentences that say something', 0.35, { value: t.sentences.reduce((a, x) => a + x.substance, 0), quotes: t.sentences.filter((x) => x.substance >= 0.5).slice(0, 2).map((x) => x.source) }, 4, 'make reasoned statements about this question', 'say which of your points matters most'),
    part('numbers', 0.15, specificNumbers(t.sentences), 3, 'put figures on what you claim', 'tie each figure to a baseline from the question'),
    engaged(t),
  ];
}

const BUILDERS: Record<Kind, (t: CriterionText) => Component[]> = { clarification, stakeholders, metrics, experiments, decision, communication, generic };

/** The components of one criterion, read from its sentences. Pure. */
export function componentsFor(kind: Kind, t: CriterionText): Component[] {
  return BUILDERS[kind](t);
}
