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

/** Hides a secret wherever it appears, and anything that looks like an API key. */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('[redacted]');
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
