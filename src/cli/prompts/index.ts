/**
 * The one module that owns terminal prompts. Commands import from here (lazily: it is only loaded by
 * commands that talk to a person) and tests replace it or drive a real pseudo-terminal.
 */
export { openTerminal, requireTty, type Terminal } from './terminal.js';
export { promptStage, SUBMIT_LINE, SKIP_LINE, type StagePrompt, type StagePromptOptions, type StageOutcome, type ClockReading } from './stage-editor.js';
export { formatCountdown, mmss, SUBMIT_HINT } from './frame.js';
export { runExternalEditor, editorFileText, answerFromEditorFile } from './external-editor.js';
export { breakScreen } from './break-screen.js';
export { waitScreen, type WaitOutcome } from './wait-screen.js';
