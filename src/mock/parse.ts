import { readFileSync, existsSync } from 'node:fs';
import { mockScriptSchema, type MockScript } from './schema.js';
import { decodeSource, parseYaml, validateParsed } from '../questions/parse.js';
import { formatProblem, type Problem } from '../questions/problems.js';
import { displayPath } from '../questions/load.js';
import { UserError } from '../errors.js';

/** Parses a mock script's text with positioned problems. Pure. */
export function parseMockScript(bytes: Uint8Array, file: string): { script?: MockScript; problems: Problem[] } {
  const decoded = decodeSource(bytes, file);
  if ('problem' in decoded) return { problems: [decoded.problem] };
  const { parsed, problems } = parseYaml(decoded.text, file);
  if (!parsed) return { problems };
  const r = validateParsed(parsed, mockScriptSchema, file);
  return { script: r.value, problems: r.problems };
}

/** Reads a mock script or fails with every problem listed and one line saying what to fix. */
export function loadMockScript(path: string): MockScript {
  const file = displayPath(path);
  if (!existsSync(path)) throw new UserError(`no mock script at ${file}`);
  const { script, problems } = parseMockScript(readFileSync(path), file);
  if (!script || problems.length) {
    throw new UserError(`${file} is not a valid mock script (${problems.length} problem${problems.length === 1 ? '' : 's'} above); fix it and run again`, {
      details: problems.map(formatProblem),
    });
  }
  return script;
}
