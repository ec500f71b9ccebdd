/**
 * Set to `1` to keep cdktf's token creation traces while synthesizing: a token that fails to
 * resolve then names the line that created it ("Object creation stack: ..."), at the cost of
 * about half the synthesis time.
 */
export const TOKEN_STACK_TRACES_VARIABLE = 'PLATFORM_SYNTH_STACK_TRACES';

type PrepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) => unknown;

/**
 * Runs `work` with cdktf's token creation traces left empty, unless
 * `PLATFORM_SYNTH_STACK_TRACES=1` asks for them.
 *
 * Why: cdktf 0.21 records a full stack trace (no depth limit) for every token it creates (every
 * attribute reference, every Lazy, every complex list), 70,000 of them for 600 stacks, and has no
 * setting to stop it (the App's `stackTraces` option covers construct metadata only). It reads
 * the trace through the `stack` property of a plain object passed to `Error.captureStackTrace`,
 * and Node formats each trace through the source maps the TypeScript loader registers: that
 * formatting was 40 % of synthesis time and most of its garbage. The traces only ever appear in
 * the message of a token that fails to resolve.
 *
 * How: `Error.captureStackTrace` into a plain object, which is what cdktf (and constructs)
 * capture into, leaves its `stack` empty without walking the stack: cdktf's `captureStackTrace`
 * then returns `[]`. Walking alone, with cdktf's unlimited depth, was still 15 % of synthesis
 * after formatting was gone. V8's documented stack trace hook, `Error.prepareStackTrace`, formats
 * nothing for plain objects either, for a capture that reaches V8 another way. Errors still get a
 * stack, captured as before and formatted by the hook that was installed (Jest's source maps),
 * else like V8's default, so a failure during synthesis still says where it came from. Both hooks are restored afterwards, whatever happens.
 * Output is unchanged: the traces never reach the Terraform JSON.
 */
export function withoutTokenStackTraces<T>(work: () => T, env: NodeJS.ProcessEnv = process.env): T {
  const restore = disableTokenStackTraces(env);
  try {
    return work();
  } finally {
    restore();
  }
}

/**
 * Leaves cdktf's token creation traces empty until the returned function is called, unless
 * `PLATFORM_SYNTH_STACK_TRACES=1` asks for them (see withoutTokenStackTraces, which is this
 * around one piece of work). For a process or test file that builds stacks from start to end:
 * the unit tests call it in a Jest setup file, since every test constructs stacks.
 */
export function disableTokenStackTraces(env: NodeJS.ProcessEnv = process.env): () => void {
  if (env[TOKEN_STACK_TRACES_VARIABLE] === '1') return () => undefined;
  const hadOwn = Object.prototype.hasOwnProperty.call(Error, 'prepareStackTrace');
  const previous = Error.prepareStackTrace;
  const capture = Error.captureStackTrace;
  // Errors keep the hook that was there (source maps under Jest or tsx), else V8's format.
  const prepare: PrepareStackTrace = (error, frames) => {
    if (!(error instanceof Error)) return '';
    return previous ? previous(error, frames) : formatLikeV8(error, frames);
  };
  Error.prepareStackTrace = prepare;
  Error.captureStackTrace = function captureErrorsOnly(
    target: object,
    below?: Parameters<typeof capture>[1],
  ): void {
    if (target instanceof Error) capture(target, below ?? captureErrorsOnly);
    else (target as { stack?: string }).stack = '';
  };
  return () => {
    Error.captureStackTrace = capture;
    if (hadOwn) Error.prepareStackTrace = previous;
    else Reflect.deleteProperty(Error, 'prepareStackTrace');
  };
}

function formatLikeV8(error: Error, frames: readonly NodeJS.CallSite[]): string {
  let head: string;
  try {
    head = String(error);
  } catch {
    head = '<error>';
  }
  return frames.length === 0 ? head : `${head}\n    at ${frames.join('\n    at ')}`;
}
