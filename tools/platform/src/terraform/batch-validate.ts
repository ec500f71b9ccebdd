import { prepareBatchDir, type StackBatch, stackOf, withinStack } from './batch-dir';
import { type BatchResult, firstLines } from './batch-result';
import { type StackJob, type StackOutcome, terraformInit, terraformStep } from './stack-job';
import { type Diagnostic, validateOutcome, type ValidateJson } from './validate-stack';

/** Terraform's warning for the backend of each stack, which a module may not have; expected here. */
const BACKEND_IGNORED = 'Backend configuration ignored';

/**
 * Validates a batch of stacks in one terraform process and returns each stack's outcome, or why
 * the result cannot be told apart per stack (init failed, no JSON, an error that names no
 * stack): the caller then validates those stacks one by one, so a failure is always reported
 * against the stack that caused it.
 */
export async function validateBatch(job: StackJob, batch: StackBatch): Promise<BatchResult> {
  prepareBatchDir(job.workDir, batch, 'validate');
  try {
    await terraformInit(job, ['-backend=false', '-input=false', '-no-color']);
  } catch (error) {
    return { retry: firstLines(error) };
  }
  let result;
  try {
    result = await terraformStep(job, ['validate', '-json', '-no-color'], { allowExitCodes: [1] });
  } catch (error) {
    return { retry: firstLines(error) };
  }
  let report: ValidateJson;
  try {
    report = JSON.parse(result.stdout) as ValidateJson;
  } catch {
    return { retry: `terraform validate -json printed no JSON: ${firstLines(result.output)}` };
  }
  const names = batch.stacks.map((stack) => stack.name);
  const diagnostics = report.diagnostics ?? [];
  const outcomes = diagnosticsByStack(names, diagnostics, result.output);
  if (outcomes) return outcomes;
  const unplaced = diagnostics.find(
    (diagnostic) =>
      diagnostic.severity === 'error' &&
      !stackOf(names, { address: diagnostic.address, filename: diagnostic.range?.filename }),
  );
  return { retry: `an error names no stack: ${unplaced?.summary ?? ''} ${unplaced?.detail ?? ''}` };
}

/**
 * Gives each stack the diagnostics that name it (by module address or file), rewritten to read
 * as the stack's own (`aws_x.y`, `cdk.tf.json:42`). Warnings that name no stack go to every
 * stack; an error that names no stack makes the whole batch undecidable (undefined).
 */
export function diagnosticsByStack(
  names: readonly string[],
  diagnostics: readonly Diagnostic[],
  rawOutput: string,
): Map<string, StackOutcome> | undefined {
  const perStack = new Map<string, Diagnostic[]>(names.map((name) => [name, []]));
  for (const diagnostic of diagnostics) {
    if (diagnostic.severity === 'warning' && diagnostic.summary === BACKEND_IGNORED) continue;
    const stack = stackOf(names, {
      address: diagnostic.address,
      filename: diagnostic.range?.filename,
    });
    if (!stack) {
      if (diagnostic.severity === 'error') return undefined;
      for (const list of perStack.values()) list.push(diagnostic);
      continue;
    }
    perStack.get(stack)?.push({
      ...diagnostic,
      address: diagnostic.address && withinStack(stack, diagnostic.address),
      range: diagnostic.range && {
        ...diagnostic.range,
        filename: diagnostic.range.filename.slice(stack.length + 1),
      },
    });
  }
  const outcomes = new Map<string, StackOutcome>();
  for (const [stack, list] of perStack) {
    const valid = !list.some((diagnostic) => diagnostic.severity === 'error');
    outcomes.set(stack, validateOutcome(valid, list, rawOutput));
  }
  return outcomes;
}
