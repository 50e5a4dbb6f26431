import type { InterviewerStyle } from '../mock/schema.js';

/**
 * Who the interviewer is: a name (shown before each reply) and a style that sets the tone of replies and
 * of the push-back. Practice uses the default; mock scripts set both (`interviewer: {name, style}`). Pure.
 */
export interface Persona {
  name: string;
  style: InterviewerStyle;
}

export const DEFAULT_PERSONA: Persona = { name: 'Interviewer', style: 'neutral' };

/** The phrase every "not in the facts" reply carries, offline and (by instruction) from the model. */
export const ASSUME_PHRASE = 'assume what you think is reasonable';

/** The standard reply when no fact answers the question: the candidate states an assumption. */
export function assumptionReply(style: InterviewerStyle): string {
  switch (style) {
    case 'friendly':
      return `Good question. I don't have a figure for that, so ${ASSUME_PHRASE} and say it out loud.`;
    case 'probing':
      return `I won't give you that one: ${ASSUME_PHRASE}, state it, and tell me why it holds.`;
    case 'neutral':
      return `I don't have data on that. Please ${ASSUME_PHRASE} and state the assumption.`;
  }
}

/** A fact as the interviewer says it: the fact's own words, framed by the style. */
export function factReply(answer: string, style: InterviewerStyle): string {
  switch (style) {
    case 'friendly':
      return `Good question. ${answer}`;
    case 'probing':
      return `${answer} Why does that matter for your decision?`;
    case 'neutral':
      return answer;
  }
}

/** The tone the model is asked to take. */
export function styleTone(style: InterviewerStyle): string {
  switch (style) {
    case 'friendly':
      return 'warm and encouraging, yet you never hand the candidate the answer';
    case 'probing':
      return 'skeptical and probing: terse, and you press the candidate to justify their reasoning';
    case 'neutral':
      return 'neutral and concise, like a calm senior product manager';
  }
}
