import type { PolicyStatement } from '@genai-sandbox/core';
import type { PermissionScope } from '../permission-scope';
import { stateReadStatements, stateWriteStatements } from '../state-permissions';

/**
 * The role's inline policy: state access and role chaining into the promotion role. The denies
 * that keep it away from what the bootstrap stack owns live in the permissions boundary
 * (boundaryProtections), which every role it creates carries too.
 */
export function deployInlineStatements(scope: PermissionScope): PolicyStatement[] {
  return [
    ...stateReadStatements(scope),
    ...stateWriteStatements(scope),
    // promote.yml chains from this role into the promotion role, which the foundation app creates
    // only where promotions arrive; configure-aws-credentials tags the chained session, hence
    // sts:TagSession.
    ...(scope.promotionRoleArn
      ? [
          {
            Sid: 'AssumePromotionRole',
            Effect: 'Allow' as const,
            Action: ['sts:AssumeRole', 'sts:TagSession'],
            Resource: scope.promotionRoleArn,
          },
        ]
      : []),
  ];
}
