'use strict';
// Runs in every test file (jest.preset.js setupFiles), before the file's own imports.
//
// cdktf records a full stack trace for every token it creates, and under Jest each one is formatted
// through source maps: about a third of a stack test's time (inference-batch-stack.test.ts: 5.4 s
// with the traces, 3.8 s without, measured alone). `platform synth` leaves them empty for the same
// reason (packages/core/src/token-stack-traces.ts); so do the tests. Errors keep Jest's
// source-mapped stacks. PLATFORM_SYNTH_STACK_TRACES=1 keeps the traces, for a token that fails to
// resolve and should name the line that created it.
const { disableTokenStackTraces } = require('../packages/core/src/token-stack-traces.ts');

/** Puts the traces back, for the file that tests disableTokenStackTraces itself. */
module.exports.restoreTokenStackTraces = disableTokenStackTraces();
