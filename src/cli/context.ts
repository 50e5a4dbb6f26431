import { resolvePaths, type Paths } from '../store/paths.js';
import { readEnv, type EnvSettings } from '../env.js';

/** What every command gets: global options, the environment, where data lives, and the output streams. */
export interface Context {
  env: NodeJS.ProcessEnv;
  settings: EnvSettings;
  paths: Paths;
  /** Extra question folders from --questions (PMCOACH_QUESTIONS is read by the loader). */
  questionDirs: string[];
  json: boolean;
  color: boolean;
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
  const wantsColor = opts.color !== false && !settings.noColor && !opts.json;
  return {
    env,
    settings,
    paths: resolvePaths(env),
    questionDirs: opts.questions ?? [],
    json: opts.json === true,
    color: wantsColor && (settings.forceColor || process.stdout.isTTY === true),
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
  };
}
