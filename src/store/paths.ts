import { join } from 'node:path';
import envPaths from 'env-paths';
import { readEnv } from '../env.js';

/** Every file pmcoach keeps lives under one folder: PMCOACH_HOME, or the platform's data folder. */
export interface Paths {
  home: string;
  config: string;
  sessions: string;
  /** Interactive mock interviews as a whole (plan, progress), so one can resume where it stopped. */
  mocks: string;
  transcripts: string;
  cache: string;
  /** Journals of submitted batches (grade --batch). */
  batches: string;
}

export function resolvePaths(env: NodeJS.ProcessEnv = process.env): Paths {
  const home = readEnv(env).home ?? envPaths('pmcoach', { suffix: '' }).data;
  return {
    home,
    config: join(home, 'config.json'),
    sessions: join(home, 'sessions'),
    mocks: join(home, 'mocks'),
    transcripts: join(home, 'transcripts'),
    cache: join(home, 'cache'),
    batches: join(home, 'batches'),
  };
}
