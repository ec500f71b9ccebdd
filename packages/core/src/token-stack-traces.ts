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
 * How: V8's documented stack trace hook, `Error.prepareStackTrace`, formats nothing for plain
 * objects, which is what cdktf captures into, so its `captureStackTrace` returns `[]`. Errors
 * still get a stack, formatted like V8's default (without source maps), so a failure during
 * synthesis still says where it came from. The previous hook is restored afterwards, whatever
 * happens. Output is unchanged: the traces never reach the Terraform JSON.
 */
export function withoutTokenStackTraces<T>(work: () => T, env: NodeJS.ProcessEnv = process.env): T {
  if (env[TOKEN_STACK_TRACES_VARIABLE] === '1') return work();
  const hadOwn = Object.prototype.hasOwnProperty.call(Error, 'prepareStackTrace');
  const previous = Error.prepareStackTrace;
  const prepare: PrepareStackTrace = (error, frames) =>
    error instanceof Error ? formatLikeV8(error, frames) : '';
  Error.prepareStackTrace = prepare;
  try {
    return work();
  } finally {
    if (hadOwn) Error.prepareStackTrace = previous;
    else Reflect.deleteProperty(Error, 'prepareStackTrace');
  }
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
