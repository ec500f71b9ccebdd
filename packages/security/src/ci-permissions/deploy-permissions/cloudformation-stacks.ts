import type { PolicyStatement } from '@genai-sandbox/core';
import { regionalArn, type PermissionScope } from '../permission-scope';

/**
 * Creating, changing and deleting the CloudFormation stacks whose names match `stackNames`
 * (`<name>/*`, the stack ID after the name): what the deploy role needs for the stacks a Terraform
 * resource `aws_cloudformation_stack` manages. Their resources are created with the caller's (or
 * the stack role's) own permissions, granted separately.
 */
export function cloudFormationStacksStatement(
  scope: PermissionScope,
  sid: string,
  stackNames: string,
): PolicyStatement {
  return {
    Sid: sid,
    Effect: 'Allow',
    Action: [
      'cloudformation:CreateStack',
      'cloudformation:DeleteStack',
      'cloudformation:TagResource',
      'cloudformation:UntagResource',
      'cloudformation:UpdateStack',
    ],
    Resource: regionalArn(scope, 'cloudformation', `stack/${stackNames}/*`),
  };
}
