// cdktf's validation classes; the package has no exports map and its index does not export them
// (the same kind of deep import as compute's function-code.ts).
import { ValidateBinaryVersion } from 'cdktf/lib/validations/validate-binary-version';
import { ValidateTerraformVersion } from 'cdktf/lib/validations/validate-terraform-version';

/** The fields cdktf keeps protected; read here to key the memo. */
interface BinaryVersionCheck {
  readonly binary: string;
  readonly versionConstraint: string;
  readonly versionCommand: string;
  readonly hint?: string;
}

/** `>= 1.10.0` -> [1, 10, 0]; undefined for any other form of constraint. */
export function minimumOf(constraint: string): [number, number, number] | undefined {
  const match = /^\s*>=\s*(\d+)\.(\d+)(?:\.(\d+))?\s*$/.exec(constraint);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : undefined;
}

function atMost(version: readonly number[], limit: readonly number[]): boolean {
  for (let index = 0; index < 3; index += 1) {
    if (version[index] !== limit[index]) return version[index] < limit[index];
  }
  return true;
}

/**
 * Runs `work` with cdktf's binary version checks answered without starting a process per stack.
 *
 * Why: a stack with a `moved` block gets cdktf's "Terraform >= 1.5" check, which runs
 * `terraform version` in a shell, synchronously, for that stack alone: 0.2 to 0.4 s each, 6 of
 * today's stacks, most of a synth of the checked-in configuration.
 *
 * - A Terraform check whose constraint is a minimum at or below `stackMinimum` (every stack here
 *   declares `required_version` `>= 1.10.0`, see PlatformStack) passes at once: Terraform itself
 *   refuses a stack whose `required_version` it does not meet, at init, before it reads a `moved`
 *   block, with its own message. Synthesis then needs no Terraform binary, as the README says.
 * - Any other check runs, once per command and constraint: the binary cannot change during one
 *   synthesis, so the first answer stands for every stack.
 *
 * The original method is restored afterwards, whatever happens.
 */
export function withBinaryVersionChecksOnce<T>(stackMinimum: string, work: () => T): T {
  const declared = minimumOf(stackMinimum);
  const prototype = ValidateBinaryVersion.prototype;
  const original = prototype.validate;
  const answers = new Map<string, string[]>();
  prototype.validate = function validateOnce(this: ValidateBinaryVersion): string[] {
    const check = this as unknown as BinaryVersionCheck;
    const wanted = minimumOf(check.versionConstraint);
    if (this instanceof ValidateTerraformVersion && declared && wanted && atMost(wanted, declared))
      return [];
    const key = JSON.stringify([check.versionCommand, check.versionConstraint, check.hint]);
    let answer = answers.get(key);
    if (!answer) {
      answer = original.call(this);
      answers.set(key, answer);
    }
    return [...answer];
  };
  try {
    return work();
  } finally {
    prototype.validate = original;
  }
}
