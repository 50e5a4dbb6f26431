/**
 * Text from a model (or any untrusted source) is stripped of terminal control sequences before it is
 * printed or saved: escape sequences could recolour, move the cursor, rewrite the title or hide text. Pure.
 */

// eslint-disable-next-line no-control-regex
const OSC = /\u001b\][\s\S]*?(?:\u0007|\u001b\\|\u009c|$)/g; // operating-system commands (titles, hyperlinks)
// eslint-disable-next-line no-control-regex
const DCS = /\u001b[P^_X][\s\S]*?(?:\u001b\\|\u009c|$)/g; // device-control, privacy and application strings
// eslint-disable-next-line no-control-regex
const CSI = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?/g; // colours, cursor moves, erase
// eslint-disable-next-line no-control-regex
const ESC = /\u001b[ -/]*[0-~]?/g; // any other escape
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g; // C0 except tab and newline, DEL, C1
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g; // direction overrides that reorder what the reader sees

export function stripControl(text: string): string {
  return text.replace(OSC, '').replace(DCS, '').replace(CSI, '').replace(ESC, '').replace(/\r\n?/g, '\n').replace(CONTROLS, '').replace(BIDI, '');
}

/** One line: control sequences gone and any run of whitespace (newlines too) made one space. */
export function oneLine(text: string): string {
  return stripControl(text).replace(/\s+/g, ' ').trim();
}

/** Fragments of a secret this long or longer are redacted too: a server may echo part of a key. */
export const SECRET_FRAGMENT = 8;

/** Every run of the text that is a piece (SECRET_FRAGMENT characters or more) of the secret, as [start, end). */
function fragmentsOf(text: string, secret: string): Array<[number, number]> {
  const min = Math.min(SECRET_FRAGMENT, secret.length);
  const found: Array<[number, number]> = [];
  for (let i = 0; i + min <= text.length; ) {
    let best = 0;
    // Where the next `min` characters occur in the secret, extend the match as far as it goes.
    for (let at = secret.indexOf(text.slice(i, i + min)); at !== -1; at = secret.indexOf(text.slice(i, i + min), at + 1)) {
      let n = min;
      while (i + n < text.length && at + n < secret.length && text[i + n] === secret[at + n]) n++;
      best = Math.max(best, n);
    }
    if (best > 0) {
      found.push([i, i + best]);
      i += best;
    } else i++;
  }
  return found;
}

/** Hides a secret wherever it appears, any piece of it of 8 or more characters, and anything that looks like an API key. */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
  let out = text;
  for (const s of secrets) {
    if (!s || s.length < 4) continue;
    const pieces = fragmentsOf(out, s);
    for (let k = pieces.length - 1; k >= 0; k--) out = out.slice(0, pieces[k]![0]) + '[redacted]' + out.slice(pieces[k]![1]);
  }
  return out.replace(/\b(sk|rk|pk)-[A-Za-z0-9_*-]{8,}/g, '$1-[redacted]').replace(/\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]');
}

/** A server address as shown and stored: no user, password, query or fragment, no trailing slash. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    return u.toString().replace(/\/+$/, '');
  } catch {
    return oneLine(url).replace(/[?#].*$/, '').replace(/\/\/[^@/]*@/, '//');
  }
}

/** "sk-…wxyz": enough to tell keys apart, never the key. */
export function maskKey(key: string): string {
  if (key.length < 12) return '…';
  return `${key.slice(0, 3)}…${key.slice(-4)}`;
}
