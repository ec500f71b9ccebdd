import type { CheckReport } from '../run';

/** The human report: findings grouped by stack, each with its resource, message and fix. */
export function formatText(report: CheckReport): string {
  const lines: string[] = [];
  for (const stack of report.stacks) {
    const status =
      stack.violations.length === 0
        ? 'ok'
        : `${stack.violations.length} finding${stack.violations.length === 1 ? '' : 's'}`;
    lines.push(
      `${stack.name} (${stack.packs.join(' + ')}, ${stack.source === 'plan' ? 'synth + plan values' : 'synth'}): ${status}`,
    );
    for (const violation of stack.violations) {
      lines.push(
        `  ${violation.severity.toUpperCase()} ${violation.ruleId} ${violation.address}${violation.constructPath ? ` (${violation.constructPath})` : ''}`,
      );
      lines.push(`    ${violation.message}`);
      lines.push(`    fix: ${violation.fix}`);
    }
    for (const suppressed of stack.suppressed) {
      lines.push(`  suppressed ${suppressed.ruleId} ${suppressed.address}: ${suppressed.reason}`);
    }
    for (const unused of stack.unusedSuppressions) {
      lines.push(
        `  WARNING unused suppression of ${unused.rule} on ${unused.address}: it matched no finding; remove it or fix the rule ID`,
      );
    }
  }
  const suppressed = report.stacks.reduce((sum, stack) => sum + stack.suppressed.length, 0);
  lines.push(
    `policy check: ${report.stacks.length} stack${report.stacks.length === 1 ? '' : 's'}, ${report.rules.length} rules, ${report.errors} error${report.errors === 1 ? '' : 's'}, ${report.warnings} warning${report.warnings === 1 ? '' : 's'}, ${suppressed} suppressed, in ${(report.elapsedMs / 1000).toFixed(2)}s`,
  );
  return lines.join('\n');
}
