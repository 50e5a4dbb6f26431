/** Small formatters shared by transcripts, history and stats. Pure. */

/** Seconds as m:ss (h:mm:ss from an hour). Negative or missing time shows as 0:00. */
export function formatDuration(seconds: number | undefined): string {
  const total = Number.isFinite(seconds) && (seconds ?? 0) > 0 ? Math.round(seconds!) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function parts(date: Date, timeZone?: string): Record<string, string> {
  const key = timeZone ?? '';
  let fmt = formatters.get(key);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(key, fmt);
  }
  const out: Record<string, string> = {};
  for (const p of fmt.formatToParts(date)) out[p.type] = p.value;
  return out;
}

/** `2026-11-27 23:14` in the given time zone (default: the machine's). An unreadable date is returned as given. */
export function formatDate(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const p = parts(date, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** The calendar day (`2026-11-27`) of an instant in the given time zone, or undefined for a bad date. */
export function dayKey(when: string | Date, timeZone?: string): string | undefined {
  const date = typeof when === 'string' ? new Date(when) : when;
  if (Number.isNaN(date.getTime())) return undefined;
  const p = parts(date, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** A 1-5 score as a five-cell bar: 3.5 -> ███▌░. */
export function scoreBar(score: number): string {
  const s = Math.min(5, Math.max(0, Number.isFinite(score) ? score : 0));
  const full = Math.floor(s);
  const half = s - full >= 0.5 ? 1 : 0;
  return '█'.repeat(full) + (half ? '▌' : '') + '░'.repeat(5 - full - half);
}

/** 3 -> "3", 3.5 -> "3.5", 3.333 -> "3.3". */
export function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}

export const plural = (n: number, word: string, many = word + 's'): string => `${n} ${n === 1 ? word : many}`;
