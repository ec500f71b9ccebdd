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

/**
 * Adds `statements` to the grantee's policy and returns the ones it did not hold yet: what every
 * `grant*` method returns, so a caller (or a test) sees exactly what the grant added.
 */
export function addStatements(
  grantee: IGrantable,
  statements: readonly PolicyStatement[],
): PolicyStatement[] {
  return statements.filter((statement) => grantee.addToPolicy(statement));
}
