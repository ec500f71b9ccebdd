import type { PolicyStatement } from '@genai-sandbox/core';

/**
 * A principal that `grant*` methods can add statements to (aws-cdk's IGrantable, reduced to what
 * an IAM role with one inline policy needs). `addToPolicy` returns whether the statement was
 * added: an identical statement already present is not added twice.
 */
export interface IGrantable {
  readonly roleArn: string;
  readonly roleName: string;
  addToPolicy(statement: PolicyStatement): boolean;
}
