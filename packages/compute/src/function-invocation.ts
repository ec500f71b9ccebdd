import { LambdaInvocation } from '@cdktf/provider-aws/lib/lambda-invocation';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import type { PlatformFunction } from './platform-function';

export interface FunctionInvocationProps {
  /** The function that carries out the action; its handler uses `customAction` (functions package). */
  readonly function: PlatformFunction;
  /** The action's input: a JSON object without the key `tf`, which Terraform adds. */
  readonly input: Readonly<Record<string, unknown>>;
}

/**
 * A Terraform-managed custom action: Terraform invokes the function on create, on every change
 * of the input (with the previous input) and on destroy (`lifecycle_scope = "CRUD"`), so the thing
 * the function makes (an index, a registration) lives and dies with the stack. A failed invocation
 * fails the apply with the handler's error message. The function must stay until the action is
 * destroyed, which the reference to it ensures.
 */
export class FunctionInvocation extends Construct {
  readonly resource: LambdaInvocation;
  /** The handler's answer, JSON. */
  readonly result: string;

  constructor(scope: Construct, id: string, props: FunctionInvocationProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.input) && 'tf' in props.input) {
      throw new Error(
        `FunctionInvocation ${this.node.path}: input has the key "tf", which Terraform sets to { action, prev_input }; rename the field.`,
      );
    }
    this.resource = new LambdaInvocation(this, 'Resource', {
      functionName: props.function.resource.functionName,
      input: JSON.stringify(props.input),
      lifecycleScope: 'CRUD',
      terraformKey: 'tf',
    });
    this.result = this.resource.result;
  }
}
