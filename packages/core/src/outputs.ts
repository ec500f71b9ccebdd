import { TerraformOutput } from 'cdktf';
import type { TerraformStack } from 'cdktf';

export interface PlatformOutputProps {
  /** The value; usually a resource attribute token. */
  readonly value: unknown;
  /** What the output is and who reads it; outputs are a contract with the tools. */
  readonly description: string;
  /** Hide the value in plan output. @default false */
  readonly sensitive?: boolean;
}

const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/**
 * Declares a stack output. Only stacks create outputs (docs/architecture.md#conventions), so this takes the stack, and the
 * output's construct ID is its Terraform name: renaming one is a breaking change for readers.
 */
export function addOutput(
  stack: TerraformStack,
  name: string,
  props: PlatformOutputProps,
): TerraformOutput {
  if (!SNAKE_CASE.test(name)) {
    throw new Error(
      `Output name "${name}" must be snake_case (such as "vpc_id"): outputs are read by the platform tools by name.`,
    );
  }
  if (props.description.trim().length === 0) {
    throw new Error(
      `Output "${name}" needs a description: outputs are a contract and must say what they hold.`,
    );
  }
  return new TerraformOutput(stack, name, {
    value: props.value,
    description: props.description,
    sensitive: props.sensitive,
  });
}
