/**
 * The message of a check that throws (the naming helper does), as a problem to report with the
 * others, so a construct lists every problem at once. Internal: not re-exported by index.ts.
 */
export function problemsOf(check: () => unknown): string[] {
  try {
    check();
    return [];
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}
