import { attribute } from '../../model/stack-model';
import { COMPLIANT, nonCompliant, type Rule } from '../../types';

export const iamRolePermissionsBoundary: Rule = {
  id: 'iam-role-permissions-boundary',
  title: 'IAM roles carry the platform permissions boundary',
  explanation:
    'The boundary caps every role at the platform services and region and stops it from creating unbounded roles or editing the boundary; a role without one is limited only by its own policies, so one broad grant or a PassRole escalation reaches the whole account.',
  fix: 'Set permissions_boundary to the policyArn of the PermissionsBoundary construct from @genai-sandbox/security.',
  severity: 'error',
  resourceTypes: ['aws_iam_role'],
  check({ resource }) {
    const boundary = attribute(resource, 'permissions_boundary');
    if (typeof boundary === 'string' && boundary.trim() !== '') return COMPLIANT;
    return nonCompliant(
      boundary === undefined || boundary === null || boundary === ''
        ? 'permissions_boundary is not set'
        : `permissions_boundary is ${JSON.stringify(boundary)}, not a policy ARN`,
    );
  },
};
