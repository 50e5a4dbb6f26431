/**
 * Turns the bytes a raw-mode terminal sends into editor keys. Pure and stateful only across chunks
 * (a bracketed paste may arrive in several pieces). Runs of ordinary characters come out as one `text`
 * key, so a paste of 5,000 words is one insert, not 30,000.
 */
/** Keys that carry no text. */
export type SimpleKeyName =
  | 'enter'
  | 'backspace'
  | 'delete'
  | 'left'
  | 'right'
  | 'up'
  | 'down'
  | 'home'
  | 'end'
  | 'page-up'
  | 'page-down'
  | 'word-left'
  | 'word-right'
  | 'doc-start'
  | 'doc-end'
  | 'delete-word'
  | 'kill-line-start'
  | 'kill-line-end'
  | 'submit'
  | 'interrupt'
  | 'redraw'
  | 'escape';

export type Key = { name: 'text'; text: string } | { name: 'paste'; text: string } | { name: SimpleKeyName };

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

const CONTROL: Record<string, SimpleKeyName> = {
  '\r': 'enter',
  '\n': 'enter',
  '\x7f': 'backspace',
  '\b': 'backspace',
  '\x04': 'submit',
  '\x03': 'interrupt',
  '\x01': 'home',
  '\x05': 'end',
  '\x02': 'left',
  '\x06': 'right',
  '\x10': 'up',
  '\x0e': 'down',
  '\x17': 'delete-word',
  '\x15': 'kill-line-start',
  '\x0b': 'kill-line-end',
  '\x0c': 'redraw',
};

/** Escape sequences (CSI and SS3) by their text after ESC. */
const SEQUENCES: Record<string, SimpleKeyName> = {
  '[A': 'up',
  '[B': 'down',
  '[C': 'right',
  '[D': 'left',
  OA: 'up',
  OB: 'down',
  OC: 'right',
  OD: 'left',
  '[H': 'home',
  '[F': 'end',
  OH: 'home',
  OF: 'end',
  '[1~': 'home',
  '[7~': 'home',
  '[4~': 'end',
  '[8~': 'end',
  '[3~': 'delete',
  '[5~': 'page-up',
  '[6~': 'page-down',
  '[1;5C': 'word-right',
  '[1;5D': 'word-left',
  '[1;3C': 'word-right',
  '[1;3D': 'word-left',
  b: 'word-left',
  f: 'word-right',
  '[1;5H': 'doc-start',
  '[1;5F': 'doc-end',
  '\x7f': 'delete-word',
};

export class KeyDecoder {
  private pasting: string | null = null;
  private pending = '';

  /**
   * Keys in a chunk of input; an escape sequence cut at the end of the chunk waits for the next one. Text with
   * line breaks inside it that arrives in one read is faster than typing: it is a paste (from a terminal
   * without bracketed paste), so a pasted "." line does not submit and the rest is not dropped.
   */
  feed(chunk: string): Key[] {
    if (this.pasting === null && this.pending === '' && looksPasted(chunk)) return [{ name: 'paste', text: normalizeNewlines(chunk) }];
    const keys: Key[] = [];
    let s = this.pending + chunk;
    this.pending = '';
    let i = 0;
    let run = '';
    const flushRun = (): void => {
      if (run) keys.push({ name: 'text', text: run });
      run = '';
    };
    while (i < s.length) {
      if (this.pasting !== null) {
        const end = s.indexOf(PASTE_END, i);
        if (end < 0) {
          // Keep a possible partial end marker for the next chunk.
          const keep = partialSuffix(s, PASTE_END);
          this.pasting += s.slice(i, s.length - keep);
          this.pending = s.slice(s.length - keep);
          return keys;
        }
        this.pasting += s.slice(i, end);
        keys.push({ name: 'paste', text: normalizeNewlines(this.pasting) });
        this.pasting = null;
        i = end + PASTE_END.length;
        continue;
      }
      const ch = s[i]!;
      if (ch === '\x1b') {
        flushRun();
        if (s.startsWith(PASTE_START, i)) {
          this.pasting = '';
          i += PASTE_START.length;
          continue;
        }
        const seq = readEscape(s, i + 1);
        if (seq === null) {
          // Cut mid-sequence: a lone ESC at the very end is the Escape key; otherwise wait for more.
          if (i + 1 >= s.length) keys.push({ name: 'escape' });
          else this.pending = s.slice(i);
          i = s.length;
          s = '';
          break;
        }
        const name = SEQUENCES[seq.body];
        keys.push(name ? { name } : { name: 'escape' });
        i = seq.next;
        continue;
      }
      const control = CONTROL[ch];
      if (control) {
        flushRun();
        keys.push({ name: control });
        i += ch === '\r' && s[i + 1] === '\n' ? 2 : 1;
        continue;
      }
      if (ch === '\t') run += '  ';
      else if (ch >= ' ') run += ch;
      i++;
    }
    flushRun();
    return keys;
  }
}

/**
 * Several lines of plain text in one read: no escape or control key except line breaks, text after the first
 * break, and longer than a burst of fast typing (a terminal may deliver a few typed keys in one read).
 */
export const PASTE_MIN_CHARS = 12;
export function looksPasted(chunk: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (chunk.length < PASTE_MIN_CHARS || /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(chunk)) return false;
  const br = chunk.search(/[\r\n]/);
  return br >= 0 && /[^\r\n]/.test(chunk.slice(br + 1));
}

/** The body of an escape sequence starting after ESC at `from`, or null when the input ends inside it. */
function readEscape(s: string, from: number): { body: string; next: number } | null {
  if (from >= s.length) return null;
  const lead = s[from]!;
  if (lead === '[') {
    let j = from + 1;
    while (j < s.length && /[0-9;?]/.test(s[j]!)) j++;
    if (j >= s.length) return null;
    return { body: s.slice(from, j + 1), next: j + 1 };
  }
  if (lead === 'O') {
    if (from + 1 >= s.length) return null;
    return { body: s.slice(from, from + 2), next: from + 2 };
  }
  return { body: lead, next: from + 1 };
}

function partialSuffix(s: string, marker: string): number {
  for (let k = Math.min(marker.length - 1, s.length); k > 0; k--) if (s.endsWith(marker.slice(0, k))) return k;
  return 0;
}

function normalizeNewlines(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, '  ').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
}
