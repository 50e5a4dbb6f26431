import { join } from 'node:path';
import type { Paths } from '../store/paths.js';
import type { SessionRecord } from '../session/types.js';
import { writeFileAtomic } from '../store/atomic.js';
import { UserError } from '../errors.js';
import { renderSessionMarkdown, type MarkdownOptions } from './markdown.js';
import { renderMockMarkdown, type MockSummary } from './mock.js';

/** `<transcripts>/<name>.md`; the name must be a plain file name (a session id or a mock id). */
export function transcriptPath(paths: Paths, name: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(name) || name.startsWith('.')) throw new UserError(`"${name}" cannot name a transcript file; use letters, digits, dots, dashes and underscores`);
  return join(paths.transcripts, `${name}.md`);
}

/** Writes a session's markdown transcript atomically and returns where it went. */
export function writeTranscript(paths: Paths, session: SessionRecord, options: MarkdownOptions = {}): string {
  const path = transcriptPath(paths, session.id);
  writeFileAtomic(path, renderSessionMarkdown(session, options), { mode: 0o600 });
  return path;
}

/** Writes a mock interview's combined transcript atomically (`<transcripts>/<id>.md`) and returns its path. */
export function writeMockTranscript(paths: Paths, id: string, title: string, sessions: readonly SessionRecord[], summary?: MockSummary): string {
  const path = transcriptPath(paths, id);
  writeFileAtomic(path, renderMockMarkdown(title, sessions, summary), { mode: 0o600 });
  return path;
}
