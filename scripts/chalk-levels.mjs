// What chalk's colour detection (its '#supports-color' import) becomes in the bundle: nothing detected.
// pmcoach always hands chalk its level (src/cli/color-level.ts reads --no-color, NO_COLOR, FORCE_COLOR and the
// terminal), so the detection, which reads process.argv and the environment and loads node:os and node:tty
// at start-up, is never used.
export default { stdout: false, stderr: false };
