import type { Painter } from './paint.js';
import { stripControl } from '../text/sanitize.js';
import { wrapProse } from '../text/width.js';

/**
 * Our own markdown (model answers, comparisons) shown in a terminal: headings bold without their #, _notes_ dim,
 * backslash escapes dropped, prose wrapped to the terminal's width. Not a general markdown renderer. Pure.
 */
export function terminalMarkdown(md: string, c: Painter, columns = 80): string {
  const width = Math.max(40, Math.min(columns, 100) - 2);
  return md
    .split('\n')
    .map((raw) => {
      const line = stripControl(raw).replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
      const heading = /^#{1,6}\s+(.*)$/.exec(line);
      if (heading) return c.bold(heading[1]!);
      const note = /^_(.*)_$/.exec(line);
      if (note) return c.dim(wrapProse(note[1]!, width));
      const strong = /^\*\*(.*)\*\*$/.exec(line);
      if (strong) return c.cyan(strong[1]!);
      const bullet = /^(\s*- )(.*)$/.exec(line);
      if (bullet) return wrapProse(bullet[2]!, width - bullet[1]!.length, bullet[1]!, ' '.repeat(bullet[1]!.length));
      return wrapProse(line, width);
    })
    .join('\n');
}
