/**
 * A function's typed setting travels as JSON in one environment variable: the stack encodes it
 * (`encodeSetting`, at synth) and the handler decodes it at cold start (`decodeSetting`), both
 * with the same checks, so a bad setting fails the synth rather than a request.
 */

/** The environment of the function; throws with every problem of the setting. */
export function encodeSetting(
  variable: string,
  setting: unknown,
  problems: readonly string[],
): Record<string, string> {
  if (problems.length > 0)
    throw new Error(`${variable} setting is invalid:\n  ${problems.join('\n  ')}`);
  return { [variable]: JSON.stringify(setting) };
}

/** The setting in `text`, or an error naming the variable and every problem at once. */
export function decodeSetting<T>(
  variable: string,
  text: string | undefined,
  problemsOf: (setting: Partial<T>) => string[],
): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text ?? '');
  } catch {
    throw new Error(
      `environment variable ${variable} is not set or not JSON; the stack sets it from the function's typed setting`,
    );
  }
  const setting = (parsed ?? {}) as Partial<T>;
  const problems = problemsOf(setting);
  if (problems.length > 0)
    throw new Error(`environment variable ${variable} is invalid:\n  ${problems.join('\n  ')}`);
  return setting as T;
}
