import { stem } from './stem.js';

/**
 * The general vocabulary the offline judge knows: who product decisions affect, how they are measured and
 * tested, how decisions are phrased, and the jargon that sounds like substance but carries none.
 */

const stems = (list: string): Set<string> => new Set(list.split(/\s+/).filter(Boolean).map((w) => stem(w.toLowerCase())));

/** Groups of people a product decision can affect. */
export const STAKEHOLDER_WORDS = stems(`
  users user customers customer shoppers buyers sellers merchants vendors advertisers creators publishers developers partners
  drivers couriers riders hosts guests members recruiters candidates employers teens teenagers parents kids children students
  teachers patients doctors employees staff engineers designers sales marketing finance legal compliance regulators regulator
  government investors shareholders leadership executives team teams support operations ops brands agencies viewers listeners
  readers subscribers owners suppliers retailers restaurants travelers passengers newcomers power casual free paying premium
  enterprise smb small large community moderators competitors maintainers contributors reviewers authors admins players
  gamers musicians artists writers editors journalists officials landlords tenants renters homeowners residents neighbors
  commuters pedestrians cyclists fans athletes patients families workers freelancers businesses press media
`);

/** Words that say what someone gains or loses. */
export const STAKE_WORDS = stems(`
  gain gains benefit benefits win wins lose loses lost loss hurt hurts harm harms pay cost costs risk risks worry worries fear
  want wants need needs care cares prefer expect rely relies depend depends suffer frustrate frustrated annoy annoyed upset
  value values trust churn leave complain complaints happy unhappy better worse less more fewer revenue income reach exposure
  earn earns face faces burden noise noisy extra stuck stranded miss misses wrong blocked declined penalty sooner faster slower
`);

export const POSITIVE_STAKE = stems('gain gains benefit benefits win wins better more happy value trust get gets helped helps help earn earns sooner faster save saves');
export const NEGATIVE_STAKE = stems('lose loses lost loss hurt hurts harm harms cost costs risk risks worse less fewer churn leave suffer frustrate annoy complain worry fear pay pays face faces burden noise noisy stuck stranded wrong blocked declined penalty slower');

/** Generic product and analytics terms: fine in context, but they say nothing about this question. */
export const PM_GENERIC = stems(`
  stakeholder stakeholders metric metrics kpi kpis north star guardrail guardrails experiment experiments test testing ab
  hypothesis hypotheses control treatment variant variants holdout cohort cohorts segment segments sample significance
  statistical power rollout launch mvp engagement retention growth conversion monetization revenue roadmap prioritize
  prioritization user users customer customers business product products value impact strategy trade tradeoff balance
  long short term data dau mau ltv cac nps roi okr okrs funnel insight insights journey persona personas feature features
  success measure measurement analysis analytics dashboard goal goals objective outcome outcomes iterate iteration
  recommendation recommend decision option options approach solution platform experience
`);

/**
 * Words that add nothing of their own to a restatement of the question: modals, deciding and weighing
 * words, vague nouns. A sentence of prompt words plus these is an echo.
 */
export const NEUTRAL = stems(`
  should could might may must shall would will can i'd we'd i'll we'll let's it's that's there's
  decide deciding decision consider considering think thinking important key good right best clear clearly plan look looking
  question questions answer answers understand discuss discussion sure ensure careful carefully overall whether balance balancing
  both side sides option options tradeoff tradeoffs pros cons merit merits benefit benefits cost costs risk risks upside downside
  help helps matter matters actually ask asking know clarify first second third then next finally also run running measure
  track set define company business team time people everyone case part area idea result results number numbers change changes
  issue issues problem problems point points factor factors aspect aspects effect effects level levels approach way
  depend depends depending want wants need needs make makes making go going get getting keep weigh weighing evaluate
  evaluating assess assessing figure consider committed commit explore exploring start starting big bigger small smaller
  rate rates day days hour hours time times week weeks month months year years per count share total average level
  maybe sometimes actually probably perhaps likely generally usually often always never really quite simply certainly
  goes twice general generate onto around given most happen happens several already like new past reach within able
  whole many much lot lots kind sort bit great huge real main mostly mainly around today now currently still
  decrease increase protect protects remove removes stay stays show shows few lost loss losses quarter revisit start current set low high
  say says said every each early
  since based base affect affects affected affecting impact impacts impacted scope scoping clarify clarifying carefully
`);

/** The interview's framework words: naming them is not saying anything about the question. */
export const FRAMEWORK = stems(`
  stakeholder stakeholders metric metrics kpi kpis north star guardrail guardrails experiment experiments test testing ab
  hypothesis hypotheses control treatment variant cohort segment significance success measure measurement framework goal
  objective outcome approach strategy recommendation decision option options trade tradeoff balance balancing
`);

/** Single words of jargon that sound like substance without carrying any (phrases are in FILLER). Dense use counts as padding. */
export const JARGON = stems(`
  leverage leveraging synergy synergies holistic holistically mece paradigm seamless seamlessly scalable robust
  innovative disruptive disrupt empower empowering unlock unlocking ecosystem alignment align aligned optimize optimizing
  optimization actionable impactful learnings visibility bandwidth
  north star framework frameworks stakeholder stakeholders kpi kpis okr okrs strategic
  strategically delight delightful mindset synergize
`);

/** Phrases that pad an answer. */
export const FILLER = [
  'at the end of the day', 'basically', 'to be honest', 'in terms of', 'going forward', 'it is important to note', 'needless to say',
  'as i mentioned', 'as mentioned', 'it goes without saying', 'in order to', 'at this point in time', 'first and foremost',
  'all things considered', 'when all is said and done', 'holistic', 'synergy', 'move the needle', 'low-hanging fruit', 'circle back',
  'think outside the box', 'data-driven', 'game-changer', 'win-win', 'user-centric', 'customer-centric', 'best-in-class', 'world-class', 'paradigm', 'really really', 'very very',
];

/** Cue patterns per rubric component, matched against one sentence's lower-cased text. */
export const CUES = {
  /** Asking without a question mark: "I'd want to know which regions...". */
  asks: /\b(?:i'?d|i would|i'?ll|i will|i want to|let me|first,?)\s+(?:want to\s+|like to\s+|need to\s+|first\s+)?(?:ask|know|clarify|understand|check|confirm|find out)\b/,
  interrogative: /\b(?:which|what|who|whom|how|whether|when|where|why)\b/g,
  assumption: /\b(?:assum\w*|i'?ll take|let'?s say|suppose|supposing|given that|presumably|i take it|if we don'?t know|working assumption)\b/,
  scoping: /\b(?:goal|objective|scope|region|market|segment|which|who|timeline|deadline|horizon|constraint|budget|priority|priorities|define|mean by|in scope|out of scope)\b/,
  primaryMetric: /\b(?:primary|north[- ]star|main metric|success metric|key metric|goal metric|target metric|optimi[sz]e for|measure success|headline metric|one metric)\b/,
  definition: /\b(?:per|rate|ratio|share of|percentage|number of|count of|% of|measured|defined as|over \d+|within \d+|daily|weekly|monthly|\d+[- ]day|\d+[- ]week|average|median|mean|total|fraction)\b/,
  guardrail: /\b(?:guardrails?|counter[- ]?metrics?|must not|should not|shouldn'?t|not (?:drop|fall|fall below|decline|rise)|without hurting|watch|monitor|cap|threshold|protect|ceiling|floor|no more than|at most|at least)\b/,
  hypothesis: /\b(?:hypothes\w*|we expect|i expect|expect(?:ing)? (?:that|a|an|to)|predict\w*|we believe|i believe|if we\b[^.]*\bthen|should (?:increase|decrease|raise|lower|reduce|lift|improve)|will (?:increase|decrease|raise|lower|reduce|lift|improve))\b/,
  controlTreatment: /\b(?:control|treatment|variant|arm|arms|ab test|ab|holdout|hold-out|split|randomi[sz]\w*|test group|cells?|one group|other group|half of|versus|vs|against the current|current experience|against (?:similar|comparable|matched|other) \w+|compared? (?:with|to|against)|without the \w+)\b/,
  segment: /\b(?:segment\w*|cohort\w*|region\w*|market\w*|countr\w*|new users|geo\w*|cit(?:y|ies)|mobile|desktop|teens?|heavy|light|power users|small|large|stratif\w*|by (?:country|region|segment|platform|age))\b/,
  duration: /\b(?:\d+\s*(?:days?|weeks?|months?|quarters?)|(?:two|three|four|five|six|eight|ten|twelve|a few|few|several) (?:days?|weeks?|months?|quarters?)|a (?:month|quarter|week)\b|sample size|power|users per arm|per arm|minimum detectable|mde|n ?=|\d+(?:[.,]\d+)*\s*(?:k|m|million|thousand)? ?(?:users|members|merchants|sessions|shoppers|customers|orders))\b/,
  success: /\b(?:success|ship if|launch if|roll out if|win if|wins if|significan\w*|threshold|at least|more than|decision rule|go\/no-go|criteria|criterion)\b/,
  stop: /\b(?:stop if|stop the|kill|roll ?back|halt|abort|pause|falls? below|drops? (?:by|more than|below)|declines? (?:by|more than)|exceeds?)\b/,
  givesUp: /\b(?:give up|giving up|at the cost of|accept\w*|trade\w*|sacrific\w*|cost us|lose|losing|forgo|downside|short[- ]term|in exchange|price of|we pay|comes at)\b/,
  mitigate: /\b(?:mitigat\w*|offset|reduce the|limit\w*|cap\w*|monitor\w*|phase\w*|gradual\w*|pilot|opt[- ]in|opt[- ]out|explain\w*|compensat\w*|credit|safeguard\w*|fallback|exempt\w*|except\w*|soften\w*|transparen\w*|warn\w*|alerts?|notif\w*|bonus\w*|refund\w*|grandfather\w*|off switch|one-click|but (?:also )?(?:show|give|offer|add|keep|let|provide|send|pay|protect)|so (?:that )?\w+ (?:stays?|keeps?|remains?|can|don'?t|doesn'?t))\b/,
  revisit: /\b(?:revisit|re-?evaluat\w*|review|reconsider|re-?assess|check back|after \d+|in \d+ (?:weeks?|months?|days?)|next quarter|each quarter|if [^.]{0,60}\b(?:falls?|drops?|stays?|rises?|goes) (?:below|above|under|over)|below \d+|above \d+)\b/,
} as const;

export type CueName = keyof typeof CUES;

/** Which of the lists above a stem is in, as bits (`stemFlags`): the judge's loops ask this of every stem. */
export const IS_PM_GENERIC = 1;
export const IS_JARGON = 2;
const IS_NEUTRAL = 4;
export const IS_FRAMEWORK = 8;
/** Generic: a PM term, jargon or a neutral word. */
export const IS_GENERIC = IS_PM_GENERIC | IS_JARGON | IS_NEUTRAL;

/** The lists a stem is in (text.ts reads it once per word). */
export function stemFlags(s: string): number {
  return (PM_GENERIC.has(s) ? IS_PM_GENERIC : 0) | (JARGON.has(s) ? IS_JARGON : 0) | (NEUTRAL.has(s) ? IS_NEUTRAL : 0) | (FRAMEWORK.has(s) ? IS_FRAMEWORK : 0);
}
