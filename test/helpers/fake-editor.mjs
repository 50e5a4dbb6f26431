// A stand-in for $EDITOR in tests: appends "answer for <stage>" to the file it is given, or ":skip"
// when FAKE_EDITOR_SKIP names that stage. Run as: EDITOR="node test/helpers/fake-editor.mjs".
import { appendFileSync, readFileSync } from 'node:fs';

const file = process.argv[2];
const text = readFileSync(file, 'utf8');
const stage = /^# Stage: ([^(]+?) \(/m.exec(text)?.[1] ?? 'unknown';
appendFileSync(file, stage === process.env.FAKE_EDITOR_SKIP ? ':skip\n' : `answer for ${stage}\n`);
