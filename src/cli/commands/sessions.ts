import type { Context } from '../context.js';
import { colors, note, print, printJson, table } from '../output.js';
import { STAGE_TITLES } from '../../questions/stages.js';
import type { SessionRecord } from '../../session/types.js';
import { listSessions, sessionPath } from '../../session/files.js';
import { formatDate } from '../../text/format.js';
import { skippedLine } from '../saved.js';

/** One row of `pmcoach sessions --json` (a list of these, newest first). */
export interface SessionSummary {
  id: string;
  questionId: string;
  title: string;
  origin: SessionRecord['origin'];
  status: SessionRecord['status'];
  /** The stage to resume at; null once finished. */
  stage: string | null;
  stagesAnswered: number;
  stageCount: number;
  createdAt: string;
  updatedAt: string;
  /** 0-100 once scored, else null. */
  overall: number | null;
  verdict: string | null;
  path: string;
}

export function summarize(s: SessionRecord, path: string): SessionSummary {
  const at = s.stages.find((x) => x.status === 'active' || x.status === 'pending');
  // Every stage answered but the push-back still open: that is where a resume continues.
  const inFollowUp = !at && s.followup !== undefined && s.followup.status !== 'done' && s.followup.status !== 'skipped';
  return {
    id: s.id,
    questionId: s.question.id,
    title: s.question.title,
    origin: s.origin,
    status: s.status,
    stage: s.status === 'finished' ? null : (at?.id ?? (inFollowUp ? 'followup' : null)),
    stagesAnswered: s.stages.filter((x) => x.status === 'done').length,
    stageCount: s.stages.length,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    overall: s.score?.overall ?? null,
    verdict: s.score?.verdict ?? null,
    path,
  };
}

export async function run(ctx: Context): Promise<void> {
  const { sessions, corrupt } = listSessions(ctx.paths);
  if (corrupt.length > 0) note(ctx, skippedLine(corrupt));
  const rows = sessions.map((s) => summarize(s, sessionPath(ctx.paths, s.id)));
  if (ctx.json) return printJson(ctx, rows);
  if (rows.length === 0) {
    print(ctx, 'No sessions yet. Start one with: pmcoach practice');
    return;
  }
  const c = colors(ctx);
  const maxWidth = ctx.stdout.isTTY ? ctx.stdout.columns : undefined;
  const open = rows.filter((r) => r.status === 'in-progress');
  const done = rows.filter((r) => r.status === 'finished');
  const out: string[] = [];
  if (open.length > 0) {
    out.push(c.bold(`Unfinished (${open.length})`) + c.dim('  resume with: pmcoach resume <id>'));
    const title = (stage: string): string => (stage === 'followup' ? 'Follow-up' : (STAGE_TITLES[stage as keyof typeof STAGE_TITLES] ?? stage));
    const stage = (r: SessionSummary): string => (r.stage ? `${title(r.stage)} (${r.stagesAnswered}/${r.stageCount} done)` : 'all stages done');
    out.push(table(['ID', 'LAST SAVED', 'STAGE', 'QUESTION'], open.map((r) => [r.id, formatDate(r.updatedAt), stage(r), r.title]), { maxWidth, header: (s) => c.dim(s) }));
  }
  if (done.length > 0) {
    if (out.length) out.push('');
    out.push(c.bold(`Finished (${done.length})`));
    const score = (r: SessionSummary): string => (r.overall === null ? 'not scored' : `${Math.round(r.overall)} ${r.verdict ?? ''}`.trim());
    out.push(table(['ID', 'FINISHED', 'SCORE', 'QUESTION'], done.map((r) => [r.id, formatDate(r.updatedAt), score(r), r.title]), { maxWidth, header: (s) => c.dim(s) }));
  }
  print(ctx, out.join('\n'));
}
