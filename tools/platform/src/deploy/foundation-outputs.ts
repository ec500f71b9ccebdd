import { stackName } from '@genai-sandbox/config';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STACK_FILE } from '../manifest';
import {
  requiredVariables,
  STACK_INPUTS_FILE,
  stackInputsFromOutputs,
} from '../terraform/stack-inputs';
import type { TerraformRunner } from './terraform-runner';

/** The app whose outputs are the other stacks' inputs (FoundationInputs in core). */
const FOUNDATION_APP = 'foundation';

/**
 * Foundation's outputs for the stacks of one environment that declare stack inputs, read once
 * with `terraform output -json` and again after foundation was applied in this run, so a stack
 * never gets an earlier value than the state holds.
 */
export class FoundationOutputs {
  private cached: string | undefined;

  constructor(
    private readonly runner: TerraformRunner,
    private readonly stacksDir: string,
  ) {}

  /** Foundation changed: read its outputs again before the next stack. */
  invalidate(): void {
    this.cached = undefined;
  }

  /** Writes the stack's platform_stack_inputs.auto.tfvars.json when it declares variables. */
  async writeInputs(stackDir: string, environment: string): Promise<string[]> {
    const stack = JSON.parse(readFileSync(join(stackDir, STACK_FILE), 'utf8')) as Parameters<
      typeof requiredVariables
    >[0];
    if (requiredVariables(stack).length === 0) return [];
    const foundation = stackName(FOUNDATION_APP, environment);
    const foundationDir = join(this.stacksDir, foundation);
    if (this.cached === undefined) {
      if (!existsSync(join(foundationDir, STACK_FILE))) {
        throw new Error(
          `${stackDir} reads foundation's outputs, but ${foundation} is not synthesized; run "npm run platform -- synth --env ${environment} --app foundation".`,
        );
      }
      if (!existsSync(join(foundationDir, '.terraform'))) {
        await this.runner.step(foundationDir, ['init', '-input=false', '-no-color']);
      }
      this.cached = (
        await this.runner.step(foundationDir, ['output', '-json', '-no-color'])
      ).stdout;
    }
    const values = stackInputsFromOutputs(
      stack,
      this.cached,
      `terraform output -json of ${foundation}`,
    );
    writeFileSync(join(stackDir, STACK_INPUTS_FILE), `${JSON.stringify(values, null, 2)}\n`);
    return Object.keys(values);
  }
}
