/**
 * Terminal styles: the six pmcoach uses, as ANSI SGR codes. Whether to colour at all is decided once
 * (context.ts: --no-color, NO_COLOR, FORCE_COLOR, a TTY). Kept in-house instead of chalk because chalk's
 * colour detection (which we do not need) costs about 8 ms of every start-up. Nesting is safe: an inner
 * style's closing code re-opens the outer style, so `bold(`a ${dim('b')} c`)` stays bold after "b".
 */
export interface Painter {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const STYLES: Record<keyof Painter, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
};

function style(open: number, close: number): (text: string) => string {
  const o = `\u001b[${open}m`;
  const c = `\u001b[${close}m`;
  return (text) => (text === '' ? '' : o + text.split(c).join(c + o) + c);
}

const plain = (text: string): string => text;

export function createPainter(enabled: boolean): Painter {
  const out = {} as Painter;
  for (const [name, [open, close]] of Object.entries(STYLES) as Array<[keyof Painter, [number, number]]>) {
    out[name] = enabled ? style(open, close) : plain;
  }
  return out;
}
