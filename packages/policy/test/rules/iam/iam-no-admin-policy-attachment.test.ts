import { iamNoAdminPolicyAttachment as rule } from '../../../src/rules/iam/iam-no-admin-policy-attachment';
import { stackOf, violations } from '../../helpers';
import { planOf, roleWithBoundary } from './fixtures';

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

describe('iam-no-admin-policy-attachment', () => {
  it('passes attachments of narrower managed policies', async () => {
    const stack = stackOf({
      aws_iam_role_policy_attachment: {
        ReadOnly: { role: 'worker', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
      },
      aws_iam_role_policy_attachments_exclusive: {
        Worker: {
          role_name: 'worker',
          policy_arns: ['arn:aws:iam::111111111111:policy/AdministratorAccessReview'],
        },
      },
    });
    expect(await violations(rule, stack, 'aws_iam_role_policy_attachment.ReadOnly')).toEqual([]);
    expect(
      await violations(rule, stack, 'aws_iam_role_policy_attachments_exclusive.Worker'),
    ).toEqual([]);
  });

  it('fails when a role attachment names AdministratorAccess', async () => {
    const stack = stackOf({
      aws_iam_role_policy_attachment: { Admin: { role: 'deploy', policy_arn: ADMIN } },
    });
    expect(await violations(rule, stack, 'aws_iam_role_policy_attachment.Admin')).toEqual([
      'policy_arn attaches arn:aws:iam::aws:policy/AdministratorAccess, an administrator policy',
    ]);
  });

  it('fails when user, group and shared attachments name administrator policies', async () => {
    const stack = stackOf({
      aws_iam_user_policy_attachment: {
        Power: { user: 'alice', policy_arn: 'arn:aws:iam::aws:policy/PowerUserAccess' },
      },
      aws_iam_group_policy_attachment: {
        Iam: { group: 'ops', policy_arn: 'arn:aws-us-gov:iam::aws:policy/IAMFullAccess' },
      },
      aws_iam_policy_attachment: {
        Shared: { name: 'shared', roles: ['deploy'], policy_arn: ADMIN },
      },
    });
    expect(await violations(rule, stack, 'aws_iam_user_policy_attachment.Power')).toEqual([
      'policy_arn attaches arn:aws:iam::aws:policy/PowerUserAccess, an administrator policy',
    ]);
    expect(await violations(rule, stack, 'aws_iam_group_policy_attachment.Iam')).toEqual([
      'policy_arn attaches arn:aws-us-gov:iam::aws:policy/IAMFullAccess, an administrator policy',
    ]);
    expect(await violations(rule, stack, 'aws_iam_policy_attachment.Shared')).toHaveLength(1);
  });

  it('fails once per administrator policy in a list', async () => {
    const stack = stackOf({
      aws_iam_role_policy_attachments_exclusive: {
        Deploy: {
          role_name: 'deploy',
          policy_arns: [
            ADMIN,
            'arn:aws:iam::aws:policy/ReadOnlyAccess',
            'arn:aws:iam::aws:policy/IAMFullAccess',
          ],
        },
      },
      aws_iam_role: {
        FlowLogs: {
          ...roleWithBoundary().aws_iam_role.FlowLogs,
          managed_policy_arns: ['arn:aws:iam::aws:policy/PowerUserAccess'],
        },
      },
    });
    expect(
      await violations(rule, stack, 'aws_iam_role_policy_attachments_exclusive.Deploy'),
    ).toEqual([
      'policy_arns attaches arn:aws:iam::aws:policy/AdministratorAccess, an administrator policy',
      'policy_arns attaches arn:aws:iam::aws:policy/IAMFullAccess, an administrator policy',
    ]);
    expect(await violations(rule, stack, 'aws_iam_role.FlowLogs')).toEqual([
      'managed_policy_arns attaches arn:aws:iam::aws:policy/PowerUserAccess, an administrator policy',
    ]);
  });

  it('fails when the plan resolves the attached policy to AdministratorAccess', async () => {
    const stack = stackOf(
      {
        aws_iam_role_policy_attachment: {
          Deploy: { role: 'deploy', policy_arn: '${data.aws_iam_policy.Admin.arn}' },
        },
      },
      {
        plan: planOf('aws_iam_role_policy_attachment.Deploy', {
          role: 'deploy',
          policy_arn: ADMIN,
        }),
      },
    );
    expect(await violations(rule, stack, 'aws_iam_role_policy_attachment.Deploy')).toEqual([
      'policy_arn attaches arn:aws:iam::aws:policy/AdministratorAccess, an administrator policy',
    ]);
  });
});
