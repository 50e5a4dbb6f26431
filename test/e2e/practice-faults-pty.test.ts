import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerStage as answer, KEY, ptyTestbed, sessionOnly } from '../helpers/pty.js';
import type { SessionRecord } from '../../src/session/types.js';

// Runs the BUILT binary in a pseudo-terminal: build first (npm run build).
const LONG = 40_000;
const bed = ptyTestbed({ prefix: 'pmcoach-faults-', args: ['--questions', 'test/fixtures/practice'] });


describe('practice when the data folder stops taking writes', () => {
  it(
    'warns in the footer and carries on; Ctrl-C writes a rescue copy with every word, and resume reads it back',
    async () => {
      const tmp = mkdtempSync(join(tmpdir(), 'pmcoach-tmp-'));
      const env = { PMCOACH_AUTOSAVE_MS: '200', TMPDIR: tmp };
      const p = bed.start(sessionOnly(['practice', 'fixture-practice-long']), env);
      await answer(p, 'Clarifying questions', 'Is revenue the goal?');
      await p.waitFor('▸ Stakeholders', { from: p.mark() });
      // The sessions folder becomes a regular file: every write under it now fails (ENOTDIR), even as root.
      const sessions = join(bed.home, 'sessions');
      rmSync(sessions, { recursive: true, force: true });
      writeFileSync(sessions, 'not a folder');
      await p.type('Advertisers, ');
      await p.waitFor(/Your text is kept\s+here; retrying/);
      expect(p.screen().replace(/\s+/g, ' ')).toMatch(/Can't save to \S+sessions: a file stands where a folder should be \(ENOTDIR\)\. Your text is kept here; retrying\./);
      await p.type('creators and users.');
      p.write(KEY.ctrlC);
      expect((await p.exited).exitCode).toBe(130);
      const rescueDir = join(tmp, 'pmcoach-rescue');
      const [file] = readdirSync(rescueDir);
      const path = join(rescueDir, file!);
      expect(p.screen().replace(/\s+/g, ' ')).toContain(`Your session was saved to ${path} instead. Resume it with: pmcoach resume ${path}`);
      const copy = JSON.parse(readFileSync(path, 'utf8')) as SessionRecord;
      expect(copy.stages[1]).toMatchObject({ status: 'active', text: 'Advertisers, creators and users.' });

      rmSync(sessions, { force: true });
      const r = bed.start(sessionOnly(['resume', path]), env);
      await r.waitFor('▸ Stakeholders');
      await r.waitFor('Advertisers, creators and users.');
      r.write(KEY.ctrlC);
      expect((await r.exited).exitCode).toBe(130);
      const restored = readdirSync(sessions).filter((f) => f.endsWith('.json'));
      expect(restored).toEqual([file]);
      rmSync(tmp, { recursive: true, force: true });
    },
    LONG,
  );
});

describe('one session, one writer', () => {
  it(
    'refuses to resume a session open in another terminal, and takes over a lock left by a process that is gone',
    async () => {
      const p = bed.start(sessionOnly(['practice', 'fixture-practice-long']));
      await p.waitFor('▸ Clarifying questions');
      await p.type('First terminal');
      p.write(KEY.ctrlC);
      expect((await p.exited).exitCode).toBe(130);
      const id = /Resume with: pmcoach resume (\S+)/.exec(p.screen())![1]!;

      const a = bed.start(sessionOnly(['resume', id]));
      await a.waitFor('First terminal');
      const b = bed.start(sessionOnly(['resume', id]));
      const refused = await b.exited;
      expect(refused.exitCode).toBe(1);
      expect(b.screen()).toMatch(/session \S+ is open in another terminal \(process \d+, since .*\); finish or quit it there first/);
      expect(b.screen()).not.toMatch(/\n\s+at /);

      a.kill('SIGKILL'); // leaves its lock behind
      await a.exited;
      const c = bed.start(sessionOnly(['resume', id]));
      await c.waitFor('First terminal');
      c.write(KEY.ctrlC);
      expect((await c.exited).exitCode).toBe(130);
      expect(c.screen()).toContain(`took over session ${id} from a writer that is gone`);
    },
    LONG,
  );
});

describe('a signal while the judge scores', () => {
  it(
    'SIGTERM while waiting for the LLM score: exit 143, the session saved unscored, the transcript says so, and how to score it',
    async () => {
      const { startOpenAiServer } = await import('../helpers/openai-server.js');
      const server = await startOpenAiServer();
      try {
        // The interviewer (streamed) answers; the judge's request never does.
        server.setDefault((req) => (req.body?.stream ? { content: 'What would you change if checkout conversion fell?' } : { hang: true }));
        const p = bed.start(sessionOnly(['practice', 'fixture-practice-long', '--base-url', server.url, '--model', 'test-model', '--timeout', '60']));
        for (const stage of ['Clarifying questions', 'Stakeholders', 'Metrics', 'Experiments', 'Recommendation']) {
          await p.waitFor(`▸ ${stage}`, { from: p.mark() });
          await p.type(`${stage} answer.`);
          p.write(KEY.ctrlD);
        }
        await p.waitFor(/Follow-up from/, { from: p.mark() });
        await p.type('I would keep it and watch conversion.');
        p.write(KEY.ctrlD);
        await p.waitFor(/Scoring with test-model/);
        p.kill('SIGTERM');
        expect((await p.exited).exitCode).toBe(143);
        const said = p.screen().replace(/\s+/g, ' ');
        const id = /session (\S+) is saved, not scored yet\. Score it with: pmcoach score (\S+)/.exec(said);
        expect(id?.[1]).toBe(id?.[2]);
        const session = JSON.parse(readFileSync(join(bed.home, 'sessions', `${id![1]}.json`), 'utf8')) as SessionRecord;
        expect(session.status).toBe('finished');
        expect(session.score).toBeUndefined();
        expect(readFileSync(join(bed.home, 'transcripts', `${id![1]}.md`), 'utf8')).toContain(`Not scored yet: \`pmcoach score ${id![1]}\` scores it.`);
      } finally {
        await server.close();
      }
    },
    LONG,
  );
});
