import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PracticeDriver } from '../../src/cli/commands/practice/driver.js';
import { createSession } from '../../src/session/engine.js';
import { DEFAULT_FRAMEWORK } from '../../src/questions/stages.js';
import { DraftSaver } from '../../src/session/draft-saver.js';
import type { SessionRecord } from '../../src/session/types.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { makeQuestion } from '../helpers/sessions.js';

const full = (): never => {
  throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
};

function newSession(clock: FakeClock): SessionRecord {
  return createSession({ id: 'sid-test', question: makeQuestion(), minutes: DEFAULT_FRAMEWORK, settings: { hardStop: false, timeScale: 1, timer: true } }, clock.now());
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('PracticeDriver: a failed write never ends the session', () => {
  it('keeps the draft in memory, names the problem, retries on the next save, and clears the warning when it works', () => {
    const clock = new FakeClock();
    const written: SessionRecord[] = [];
    let disk: 'full' | 'ok' = 'full';
    const driver = new PracticeDriver(newSession(clock), clock, { write: (s) => (disk === 'full' ? full() : (written.push(s), '/home/u/.pmcoach/sessions/sid-test.json')), where: '/home/u/.pmcoach/sessions' });
    let text = 'What is the goal?';
    driver.attach(() => text);
    const saver = new DraftSaver(() => driver.save(), clock, 5000);
    saver.flush();
    expect(driver.saveProblem).toMatch(/^Can't save to \/home\/u\/\.pmcoach\/sessions: disk full \(ENOSPC\)\. Your text is kept here; retrying\.$/);
    text = 'What is the goal? Which market?';
    clock.advance(5000); // the saver tries again an interval later, without a key being pressed
    expect(written).toHaveLength(0);
    disk = 'ok';
    clock.advance(5000);
    expect(written).toHaveLength(1);
    expect(written[0]!.stages[0]!.text).toBe('What is the goal? Which market?');
    expect(driver.saveProblem).toBeUndefined();
    saver.dispose();
  });

  it('at the end writes a rescue copy that holds every word, and says how to resume it', () => {
    const clock = new FakeClock();
    const rescue = mkdtempSync(join(tmpdir(), 'pmcoach-rescue-test-'));
    dirs.push(rescue);
    const driver = new PracticeDriver(newSession(clock), clock, { write: full, where: 'sessions', rescueDir: rescue });
    driver.submitted('Is revenue the goal?');
    driver.attach(() => 'Advertisers and users');
    driver.interrupted();
    const { saved, message } = driver.saveOrRescue('Resume with: pmcoach resume sid-test');
    expect(saved).toBe(false);
    const path = join(rescue, 'sid-test.json');
    expect(message).toContain(`Your session was saved to ${path} instead. Resume it with: pmcoach resume ${path}`);
    const copy = JSON.parse(readFileSync(path, 'utf8')) as SessionRecord;
    expect(copy.stages.map((s) => s.text).slice(0, 2)).toEqual(['Is revenue the goal?', 'Advertisers and users']);
  });

  it('when the rescue copy fails too, prints the typed text', () => {
    const clock = new FakeClock();
    const blocker = join(mkdtempSync(join(tmpdir(), 'pmcoach-rescue-test-')), 'file');
    dirs.push(join(blocker, '..'));
    writeFileSync(blocker, 'a file where a folder should be');
    const driver = new PracticeDriver(newSession(clock), clock, { write: full, where: 'sessions', rescueDir: join(blocker, 'rescue') });
    driver.attach(() => 'My only copy of this answer');
    driver.interrupted();
    const { message } = driver.saveOrRescue('');
    expect(message).toContain('The rescue copy failed too');
    expect(message).toContain('## clarifying\nMy only copy of this answer');
  });

  it('a question still waiting for its reply is kept with the reply as far as it came', async () => {
    const clock = new FakeClock();
    const driver = new PracticeDriver(newSession(clock), clock, { write: () => 'x', where: 'sessions' });
    let partial = 'About 12% of';
    void driver.asked('How often is surge on?', new Promise(() => {}), () => partial);
    partial = 'About 12% of trips';
    driver.interrupted();
    expect(driver.session.asked).toEqual([{ q: 'How often is surge on?', a: 'About 12% of trips', source: 'llm', at: expect.any(String) }]);
    expect(driver.session.stages[0]!.status).toBe('active');
  });
});
