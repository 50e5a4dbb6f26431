import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Paths } from '../store/paths.js';
import { writeJsonAtomic } from '../store/atomic.js';
import { UserError } from '../errors.js';
import type { MockScript } from './schema.js';
import { newSessionId } from '../session/files.js';

/**
 * An interactive mock interview as a whole, saved beside the sessions (`<home>/mocks/<id>.json`): the script,
 * the questions drawn for it in order, and the practice session of each question once it has started. It is
 * what `pmcoach resume` continues after a Ctrl-C: the question and stage where the mock stopped.
 */
export interface MockRecord {
  schemaVersion: 1;
  kind: 'mock';
  id: string;
  title: string;
  script: MockScript;
  status: 'in-progress' | 'finished';
  createdAt: string;
  updatedAt: string;
  /** Interactive settings the mock runs with. */
  settings: { timeScale: number; hardStop: boolean };
  /** The drawn questions, in order; `sessionId` once that question's session exists. */
  plan: Array<{ questionId: string; sessionId?: string }>;
}

/** A mock interview's id: `mock-` and a session-style id named after the script's title. */
export function mockId(title: string, now: Date = new Date()): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'mock';
  return `mock-${newSessionId(slug, now)}`;
}

export function mockPath(paths: Paths, id: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(id)) throw new UserError(`"${id}" is not a mock id; run pmcoach sessions to see them`);
  return join(paths.mocks, `${id}.json`);
}

export function saveMock(paths: Paths, mock: MockRecord): void {
  writeJsonAtomic(mockPath(paths, mock.id), mock, { mode: 0o600 });
}

function isMock(v: unknown): v is MockRecord {
  const m = v as Partial<MockRecord> | null;
  return m !== null && typeof m === 'object' && m.kind === 'mock' && m.schemaVersion === 1 && typeof m.id === 'string' && Array.isArray(m.plan) && typeof m.script === 'object';
}

export function loadMock(paths: Paths, id: string): MockRecord {
  const path = mockPath(paths, id);
  if (!existsSync(path)) throw new UserError(`no mock interview "${id}"; run pmcoach sessions to see them`);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new UserError(`the file is corrupt: ${path} (not valid JSON)`);
  }
  if (!isMock(value)) throw new UserError(`the file is corrupt: ${path} (not a pmcoach mock interview)`);
  return value;
}

/** Every readable mock record, newest first (an unreadable file is skipped: the sessions list reports corrupt files). */
export function listMocks(paths: Paths): MockRecord[] {
  if (!existsSync(paths.mocks)) return [];
  const out: MockRecord[] = [];
  for (const name of readdirSync(paths.mocks)) {
    if (!name.endsWith('.json')) continue;
    try {
      const v: unknown = JSON.parse(readFileSync(join(paths.mocks, name), 'utf8'));
      if (isMock(v)) out.push(v);
    } catch {
      // skipped
    }
  }
  return out.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** The unfinished mock a session belongs to, if any. */
export function mockOfSession(paths: Paths, sessionId: string): MockRecord | undefined {
  return listMocks(paths).find((m) => m.plan.some((p) => p.sessionId === sessionId));
}
