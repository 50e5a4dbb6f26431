import { resolvePaths, type Paths } from '../store/paths.js';
import { readEnv, type EnvSettings } from '../env.js';
import { colorLevel, type ColorLevel } from './color-level.js';

/** What every command gets: global options, the environment, where data lives, and the output streams. */
export interface Context {
  env: NodeJS.ProcessEnv;
  settings: EnvSettings;
  paths: Paths;
  /** Extra question folders from --questions (PMCOACH_QUESTIONS is read by the loader). */
  questionDirs: string[];
  json: boolean;
  /** Whether to colour stdout at all (colorLevel > 0). */
  color: boolean;
  /** chalk's level for this run: --no-color, NO_COLOR, FORCE_COLOR and a TTY decide it (paint.ts). */
  colorLevel: ColorLevel;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
}

export interface GlobalOptions {
  questions?: string[];
  json?: boolean;
  color?: boolean;
}

export function createContext(opts: GlobalOptions, env: NodeJS.ProcessEnv = process.env): Context {
  const settings = readEnv(env);
  const level = colorLevel({ flag: opts.color, json: opts.json, env: settings, isTTY: process.stdout.isTTY === true });
  return {
    env,
    settings,
    paths: resolvePaths(env),
    questionDirs: opts.questions ?? [],
    json: opts.json === true,
    color: level > 0,
    colorLevel: level,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
  };
}
