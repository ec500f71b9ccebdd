import { attribute } from '../../model/stack-model';
import { COMPLIANT, nonCompliant, NOT_APPLICABLE, type Rule } from '../../types';

/** Where each resource type names the managed policies it attaches. */
const ARN_ATTRIBUTES: Readonly<Record<string, string>> = {
  aws_iam_role_policy_attachment: 'policy_arn',
  aws_iam_policy_attachment: 'policy_arn',
  aws_iam_user_policy_attachment: 'policy_arn',
  aws_iam_group_policy_attachment: 'policy_arn',
  aws_iam_role_policy_attachments_exclusive: 'policy_arns',
  aws_iam_role: 'managed_policy_arns',
};

const ADMIN_POLICY =
  /^arn:aws[a-z-]*:iam::aws:policy\/(AdministratorAccess|PowerUserAccess|IAMFullAccess)$/;

export const iamNoAdminPolicyAttachment: Rule = {
  id: 'iam-no-admin-policy-attachment',
  title: 'No administrator managed policies are attached',
  explanation:
    'AdministratorAccess and PowerUserAccess grant every action on every resource (PowerUserAccess all but IAM and Organizations), and IAMFullAccess lets the principal grant itself anything; the boundary would be the only thing left between the principal and the account.',
  fix: 'Attach a policy that lists the actions and resources the role needs (renderPolicy from @genai-sandbox/core), and keep the PermissionsBoundary from @genai-sandbox/security on the role.',
  severity: 'error',
  resourceTypes: Object.keys(ARN_ATTRIBUTES),
  check({ resource }) {
    const name = ARN_ATTRIBUTES[resource.type];
    const value = attribute(resource, name);
    if (value === undefined || value === null) return NOT_APPLICABLE;
    const arns = (Array.isArray(value) ? value : [value]).filter(
      (arn): arn is string => typeof arn === 'string',
    );
    const admins = arns.filter((arn) => ADMIN_POLICY.test(arn));
    if (admins.length === 0) return COMPLIANT;
    return admins.map((arn) => nonCompliant(`${name} attaches ${arn}, an administrator policy`));
  },
};
