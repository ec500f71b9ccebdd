import { PlatformStack, type PolicyStatement } from '@genai-sandbox/core';
import type { Construct } from 'constructs';
import { ExternalRole } from './external-role';
import type { IGrantable } from './grantable';

/** One grant of a blueprint's resource, such as `(role) => api.grantInvoke(role)`. */
export type ProjectMemberGrant = (grantee: IGrantable) => readonly PolicyStatement[];

/** Construct ID of the project role in a blueprint stack. */
export const PROJECT_ROLE_ID = 'ProjectRole';

/**
 * Cross-blueprint access of a project's members: when the stack's project names its SageMaker
 * Unified Studio project role (`smusProjectRoleArn` in `<env>.json`), the role gets `grants`, each
 * a grant method of one of this stack's resources, in one inline policy named after the stack.
 * The grants are the blueprint's own resources of this project only, so another project's role
 * never receives them: each project's stacks grant only that project's role. Without the ARN
 * nothing is created. Returns the role, or undefined.
 */
export function grantProjectMembers(
  scope: Construct,
  grants: readonly ProjectMemberGrant[],
): ExternalRole | undefined {
  const stack = PlatformStack.of(scope);
  const roleArn = stack.project?.smusProjectRoleArn;
  if (!roleArn) return undefined;
  const role = new ExternalRole(scope, PROJECT_ROLE_ID, { roleArn });
  for (const grant of grants) grant(role);
  return role;
}
