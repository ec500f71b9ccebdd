import { indent } from '../progress';
import {
  settle,
  type StackJob,
  type StackOutcome,
  terraformInit,
  terraformStep,
} from './stack-job';
import { prepareWorkDir } from './work-dir';

/** One entry of `terraform validate -json`. */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail?: string;
  readonly address?: string;
  readonly range?: { readonly filename: string; readonly start: { readonly line: number } };
}

export interface ValidateJson {
  readonly valid: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

/** terraform init -backend=false, then terraform validate -json. */
export function validateStack(job: StackJob): Promise<StackOutcome> {
  return settle(async () => {
    prepareWorkDir(job.stackDir, job.workDir, 'validate');
    await terraformInit(job, ['-backend=false', '-input=false', '-no-color']);
    // validate exits 1 when the configuration is invalid and still prints its JSON report.
    const result = await terraformStep(job, ['validate', '-json', '-no-color'], {
      allowExitCodes: [1],
    });
    let report: ValidateJson;
    try {
      report = JSON.parse(result.stdout) as ValidateJson;
    } catch {
      return {
        ok: false,
        failure: `terraform validate -json printed no JSON (exit ${result.code}):\n${result.output}`,
      };
    }
    return validateOutcome(report.valid, report.diagnostics ?? [], result.output);
  });
}

/** The outcome of one stack from its diagnostics; `rawOutput` is shown when there are none. */
export function validateOutcome(
  valid: boolean,
  diagnostics: readonly Diagnostic[],
  rawOutput: string,
): StackOutcome {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const counts = [
    errors && `${errors} error${errors === 1 ? '' : 's'}`,
    warnings && `${warnings} warning${warnings === 1 ? '' : 's'}`,
  ]
    .filter(Boolean)
    .join(', ');
  const block = diagnostics.length > 0 ? diagnostics.map(formatDiagnostic).join('\n') : undefined;
  if (!valid) {
    return {
      ok: false,
      detail: counts ? `(${counts})` : undefined,
      block,
      failure: `terraform validate reported:\n${block ?? rawOutput}`,
    };
  }
  return { ok: true, detail: counts ? `(${counts})` : undefined, block };
}

export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = [
    diagnostic.address,
    diagnostic.range && `${diagnostic.range.filename}:${diagnostic.range.start.line}`,
  ]
    .filter(Boolean)
    .join(', ');
  const head = `${diagnostic.severity}: ${diagnostic.summary}${where ? ` (${where})` : ''}`;
  return indent(diagnostic.detail ? `${head}\n${indent(diagnostic.detail, '  ')}` : head);
}
