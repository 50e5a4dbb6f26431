import { exactAgreement, meanAbsoluteError, meanDifference, pearson, quadraticKappa, spearman, withinOne } from './stats.js';

/** One file graded by the judge and by the reference (a coach, or another judge). */
export interface Pair {
  file: string;
  /** Per criterion, where both scored it. */
  criteria: Array<{ id: string; judge: number; reference: number }>;
  /** The overall 0-100 scores, where the reference scored every criterion. */
  overall?: { judge: number; reference: number };
}

export interface CriterionAgreement {
  id: string;
  n: number;
  exact: number | null;
  withinOne: number | null;
  qwk: number | null;
  spearman: number | null;
  /** Mean of judge minus reference. */
  bias: number | null;
}

export interface Calibration {
  n: number;
  criteria: CriterionAgreement[];
  overall: { n: number; pearson: number | null; mae: number | null; all: CriterionAgreement };
  worst: Array<{ file: string; distance: number; criteria: Array<{ id: string; judge: number; reference: number }> }>;
}

function agreement(id: string, judge: number[], reference: number[]): CriterionAgreement {
  return {
    id,
    n: judge.length,
    exact: exactAgreement(judge, reference),
    withinOne: withinOne(judge, reference),
    qwk: quadraticKappa(judge, reference),
    spearman: spearman(judge, reference),
    bias: meanDifference(judge, reference),
  };
}

/** The calibration report from graded pairs: per criterion, pooled, the overall score, and the worst files. Pure. */
export function calibrate(pairs: readonly Pair[], criterionOrder: readonly string[] = [], worstCount = 5): Calibration {
  const ids = [...new Set([...criterionOrder, ...pairs.flatMap((p) => p.criteria.map((c) => c.id))])];
  const criteria = ids
    .map((id) => {
      const cs = pairs.flatMap((p) => p.criteria.filter((c) => c.id === id));
      return agreement(id, cs.map((c) => c.judge), cs.map((c) => c.reference));
    })
    .filter((c) => c.n > 0);
  const all = pairs.flatMap((p) => p.criteria);
  const overall = pairs.flatMap((p) => (p.overall ? [p.overall] : []));
  const worst = pairs
    .map((p) => ({ file: p.file, distance: p.criteria.reduce((n, c) => n + Math.abs(c.judge - c.reference), 0), criteria: p.criteria.filter((c) => c.judge !== c.reference) }))
    .filter((w) => w.distance > 0)
    .sort((a, b) => b.distance - a.distance || a.file.localeCompare(b.file))
    .slice(0, worstCount);
  return {
    n: pairs.length,
    criteria,
    overall: {
      n: overall.length,
      pearson: pearson(overall.map((o) => o.judge), overall.map((o) => o.reference)),
      mae: meanAbsoluteError(overall.map((o) => o.judge), overall.map((o) => o.reference)),
      all: agreement('all', all.map((c) => c.judge), all.map((c) => c.reference)),
    },
    worst,
  };
}

const pct = (x: number | null): string => (x === null ? 'n/a' : `${Math.round(x * 100)}%`);
const num = (x: number | null, digits = 2): string => (x === null ? 'n/a' : x.toFixed(digits));
const signed = (x: number | null): string => (x === null ? 'n/a' : `${x > 0 ? '+' : ''}${x.toFixed(2)}`);

/** The rows a table or markdown shows, one per criterion and one pooled. Pure. */
export function agreementRows(c: Calibration): string[][] {
  return [...c.criteria, c.overall.all].map((a) => [a.id, String(a.n), pct(a.exact), pct(a.withinOne), num(a.qwk), num(a.spearman), signed(a.bias)]);
}

export const AGREEMENT_HEADERS = ['CRITERION', 'N', 'EXACT', 'WITHIN 1', 'QWK', 'SPEARMAN', 'BIAS'];

/** The markdown report for --out. Pure. */
export function calibrationMarkdown(c: Calibration, o: { judge: string; reference: string }): string {
  const esc = (s: string): string => s.replace(/[|\\`*_<>[\]]/g, (m) => `\\${m}`).replace(/\s+/g, ' ');
  const lines = [
    '# Calibration',
    '',
    `Judge: ${esc(o.judge)}. Reference: ${esc(o.reference)}. Files: ${c.n}.`,
    '',
    `| ${AGREEMENT_HEADERS.map((h) => h.toLowerCase()).join(' | ')} |`,
    `| ${AGREEMENT_HEADERS.map(() => '---').join(' | ')} |`,
    ...agreementRows(c).map((r) => `| ${r.map(esc).join(' | ')} |`),
    '',
    `Overall score (0-100), ${c.overall.n} files: Pearson r ${num(c.overall.pearson)}, mean absolute error ${num(c.overall.mae, 1)} points.`,
    '',
    'Bias is the judge minus the reference: above 0, the judge is more generous. QWK is quadratic weighted kappa (1 is perfect agreement, 0 is chance).',
  ];
  if (c.worst.length > 0) {
    lines.push('', '## Largest disagreements', '');
    for (const w of c.worst) lines.push(`- ${esc(w.file)} (${w.distance} levels apart in all): ${w.criteria.map((x) => `${esc(x.id)} judge ${x.judge}, reference ${x.reference}`).join('; ')}`);
  }
  return lines.join('\n') + '\n';
}
