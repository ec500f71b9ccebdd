import type { CheckReport } from '../run';

/** The machine report: the CheckReport with rules reduced to their metadata. */
export function formatJson(report: CheckReport): string {
  return JSON.stringify(
    {
      errors: report.errors,
      warnings: report.warnings,
      rules: report.rules.map(({ id, title, severity, explanation, fix }) => ({
        id,
        title,
        severity,
        explanation,
        fix,
      })),
      stacks: report.stacks,
    },
    null,
    2,
  );
}
