import type { Level } from './levels.js';
import type { Question, Rubric } from '../questions/schema.js';
import type { StageId } from '../questions/stages.js';

export const VERDICTS = ['strong no hire', 'no hire', 'lean hire', 'hire', 'strong hire'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface CriterionScore {
  id: string;
  title: string;
  weight: number;
  /** 1 to 5 (an integer for one sample; the median may be .5 with several samples). */
  score: number;
  /** Verbatim sentences from the answer that earned the credit (the LLM judge's verified quotes). */
  quotes: string[];
  /** Reference points the answer makes (the offline judge; empty for the LLM judge). */
  covered: string[];
  /** Reference points named only in a list or a fragment, without a reason. */
  listed: string[];
  /** Reference points the answer does not make. */
  missed: string[];
  /**
   * Files written before transcript schema 2 hold `evidence` instead: quotes, or the offline judge's
   * "covered: ..." strings. Read through `criterionEvidence`, never written.
   */
  evidence?: string[];
  rationale: string;
  suggestion: string;
  /** Warnings about this score, e.g. "no verbatim quote supports a score above 1", "samples spread 2-4". */
  flags: string[];
  /** With several samples: the lowest and highest score seen. */
  spread?: [number, number];
}

export interface JudgeInfo {
  kind: 'llm' | 'offline';
  /** What the user sees: "gpt-4o-mini at https://api.openai.com/v1" or "offline estimate". */
  label: string;
  model?: string;
  baseUrl?: string;
}

export interface ScoreResult {
  rubricId: string;
  criteria: CriterionScore[];
  /** 0 to 100 from the weights, computed in code. */
  overall: number;
  /** The criterion id that holds the verdict back most: the one whose improvement would raise the overall most. */
  limiting?: string;
  verdict: Verdict;
  /** The level the answer was judged for (apm, pm, senior, staff); older scores were all judged as pm. */
  level?: Level;
  judge: JudgeInfo;
  samples: number;
  injectionSuspected: boolean;
  /** One-line notes for the user, e.g. "the LLM judge failed (timeout after 120 s); scored offline instead". */
  notes: string[];
  scoredAt: string;
}

/** What a judge scores: the question, the rubric, and the candidate's words per stage. */
export interface ScoreInput {
  question: Question;
  rubric: Rubric;
  answers: Array<{ id: StageId; text: string; secondsUsed?: number; secondsAllotted?: number; overtimeSeconds?: number }>;
  asked: Array<{ q: string; a: string }>;
  followup?: { q: string; answer: string };
  /** The level the candidate interviews for (default pm): it moves the verdict bands and what the LLM judge expects. */
  level?: Level;
  /**
   * The questions of the loaded bank: background against which the offline judge weighs how distinctive
   * each of this question's words is. Without it, only the question itself and a generic vocabulary.
   */
  background?: readonly Question[];
}

/** Every judge implements one method. Failures that are not bugs come back as values, never as throws. */
export interface Judge {
  readonly info: JudgeInfo;
  score(input: ScoreInput, signal?: AbortSignal): Promise<ScoreResult>;
}
