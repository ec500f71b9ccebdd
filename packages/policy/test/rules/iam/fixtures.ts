import { policy } from '../../helpers';

/** The shape of the PermissionsBoundary construct's policy in foundation-dev (abridged). */
export const BOUNDARY_DOCUMENT = policy(
  {
    Sid: 'CeilingPlatformServices',
    Effect: 'Allow',
    Action: ['iam:*', 'kms:*', 'logs:*', 's3:*', 'sagemaker:*', 'sts:*'],
    Resource: '*',
  },
  {
    Sid: 'DenyOtherRegions',
    Effect: 'Deny',
    NotAction: ['iam:*', 'sts:*', 'organizations:Describe*', 'support:*'],
    Resource: '*',
    Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
  },
  {
    Sid: 'DenyPrincipalsWithoutThisBoundary',
    Effect: 'Deny',
    Action: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary'],
    Resource: '*',
    Condition: {
      StringNotEquals: {
        'iam:PermissionsBoundary':
          'arn:aws:iam::111111111111:policy/genai-dev-permissions-boundary',
      },
    },
  },
);

export const BOUNDARY_ARN = 'arn:aws:iam::111111111111:policy/genai-dev-permissions-boundary';

export const boundaryPolicy = (extra: Record<string, unknown> = {}) => ({
  aws_iam_policy: {
    Boundary: { name: 'genai-dev-permissions-boundary', policy: BOUNDARY_DOCUMENT, ...extra },
  },
});

export const roleWithBoundary = (permissionsBoundary?: string) => ({
  aws_iam_role: {
    FlowLogs: {
      name: 'genai-dev-flow-logs',
      assume_role_policy: policy({
        Effect: 'Allow',
        Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
        Action: 'sts:AssumeRole',
      }),
      ...(permissionsBoundary === undefined ? {} : { permissions_boundary: permissionsBoundary }),
    },
  },
});

/** An aws_iam_role_policy named `Work` holding `statements`. */
export const rolePolicy = (...statements: Record<string, unknown>[]) => ({
  aws_iam_role_policy: { Work: { name: 'work', role: 'worker', policy: policy(...statements) } },
});

/** A plan.json that resolves `values` for one managed resource. */
export const planOf = (address: string, values: Record<string, unknown>) => {
  const [type, name] = address.split('.');
  return {
    planned_values: {
      root_module: { resources: [{ address, mode: 'managed', type, name, values }] },
    },
  };
};
