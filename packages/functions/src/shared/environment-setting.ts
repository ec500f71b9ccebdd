/**
 * A function's typed setting in one environment variable: encoded by the stack at synth and
 * decoded by the handler at cold start with the same checks, so a bad setting fails the synth.
 * `problemsOf` lists every problem, one message each naming the field and the value.
 */
export function encodeSetting<T>(
  variable: string,
  setting: T,
  problemsOf: (setting: unknown) => string[],
): Record<string, string> {
  const problems = problemsOf(setting);
  if (problems.length > 0) throw new Error(`Bad ${variable} setting:\n  ${problems.join('\n  ')}`);
  return { [variable]: JSON.stringify(setting) };
}

export function decodeSetting<T>(
  variable: string,
  text: string | undefined,
  problemsOf: (setting: unknown) => string[],
): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text ?? '');
  } catch {
    throw new Error(`${variable} is not JSON; redeploy the stack that writes it`);
  }
  const problems = problemsOf(parsed);
  if (problems.length > 0)
    throw new Error(`${variable} is not a valid setting:\n  ${problems.join('\n  ')}`);
  return parsed as T;
}
