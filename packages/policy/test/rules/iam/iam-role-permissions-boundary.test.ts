import { iamRolePermissionsBoundary as rule } from '../../../src/rules/iam/iam-role-permissions-boundary';
import { stackOf, violations } from '../../helpers';
import { BOUNDARY_ARN, boundaryPolicy, planOf, roleWithBoundary } from './fixtures';

describe('iam-role-permissions-boundary', () => {
  it('passes a role with the boundary by ARN or by reference', async () => {
    expect(
      await violations(rule, stackOf(roleWithBoundary(BOUNDARY_ARN)), 'aws_iam_role.FlowLogs'),
    ).toEqual([]);
    const referenced = stackOf({
      ...boundaryPolicy(),
      ...roleWithBoundary('${aws_iam_policy.Boundary.arn}'),
    });
    expect(await violations(rule, referenced, 'aws_iam_role.FlowLogs')).toEqual([]);
  });

  it('fails when the role has no permissions boundary', async () => {
    expect(await violations(rule, stackOf(roleWithBoundary()), 'aws_iam_role.FlowLogs')).toEqual([
      'permissions_boundary is not set',
    ]);
    expect(await violations(rule, stackOf(roleWithBoundary('')), 'aws_iam_role.FlowLogs')).toEqual([
      'permissions_boundary is not set',
    ]);
  });

  it('passes when the plan resolves the boundary', async () => {
    const stack = stackOf(roleWithBoundary(), {
      plan: planOf('aws_iam_role.FlowLogs', { permissions_boundary: BOUNDARY_ARN }),
    });
    expect(await violations(rule, stack, 'aws_iam_role.FlowLogs')).toEqual([]);
  });
});
