import { accountOfPrincipal, describeStatement, policiesOf } from '../../iam/policy-document';
import { COMPLIANT, type Finding, NOT_APPLICABLE, nonCompliant, type Rule } from '../../types';

/** Policies whose wildcard principals, when a Condition narrows them, are left to their own rules. */
const WILDCARD_IF_CONDITIONED = ['aws_s3_bucket_policy', 'aws_kms_key', 'aws_kms_key_policy'];
const EVENT_BUS_KEYS = ['events:source', 'events:detail-type'];
/** A whole-value reference to a resource of this stack (`${aws_iam_role.X.arn}`): this account. */
const OWN_RESOURCE = /^\$\{aws_[a-z0-9_]+\.[A-Za-z0-9_-]+\.[a-z_]+\}$/;

export const crossAccountPrincipalsInChain: Rule = {
  id: 'cross-account-principals-in-chain',
  title: 'Resource policies admit only accounts of the promotion chain, with conditions',
  explanation:
    'Promotion shares event buses, model registries, images, artifacts and keys between the accounts of the chain and nothing else. A "*" principal, or an account outside the chain, hands them to whoever controls it; a chain account admitted without a Condition gets every action the statement allows for any purpose (on event buses, any event instead of the model approval events).',
  fix: "Name chain accounts from the platform configuration (chainPosition in @genai-sandbox/config, accountRootArn in core) and add a Condition: events:source and events:detail-type on promotion bus policies, aws:PrincipalArn (the neighbour's deploy role) or kms:ViaService on registry, ECR, bucket and key policies.",
  severity: 'error',
  resourceTypes: [
    'aws_cloudwatch_event_bus_policy',
    'aws_sagemaker_model_package_group_policy',
    'aws_ecr_repository_policy',
    'aws_s3_bucket_policy',
    'aws_kms_key',
    'aws_kms_key_policy',
    'aws_sqs_queue_policy',
    'aws_sns_topic_policy',
  ],
  check({ resource, stack, context }) {
    const policies = policiesOf(resource);
    if (policies.length === 0) return NOT_APPLICABLE;
    const own = new Set(stack.accountIds);
    const chain = new Set(context.chainAccountIds);
    const eventBus = resource.type === 'aws_cloudwatch_event_bus_policy';
    const findings: Finding[] = [];
    for (const policy of policies) {
      if (policy.parseError) {
        findings.push(
          nonCompliant(
            `${policy.attribute} is ${policy.parseError}: its principals cannot be checked`,
          ),
        );
        continue;
      }
      for (const statement of policy.statements.filter((each) => each.effect === 'Allow')) {
        const where = describeStatement(policy, statement);
        if (statement.notPrincipals)
          findings.push(
            nonCompliant(
              `${where}: NotPrincipal in an Allow statement admits every account it does not name`,
            ),
          );
        const principals = statement.principals;
        if (!principals) continue;
        if (
          principals.wildcard &&
          !(WILDCARD_IF_CONDITIONED.includes(resource.type) && statement.conditions.length > 0)
        )
          findings.push(
            nonCompliant(
              `${where}: AWS principal "*" admits every AWS account; name the accounts of the chain instead`,
            ),
          );
        const admitted = new Set<string>();
        for (const principal of principals.aws.filter((each) => each !== '*')) {
          if (OWN_RESOURCE.test(principal)) continue;
          const account = accountOfPrincipal(principal);
          if (account === undefined)
            findings.push(
              nonCompliant(
                `${where}: the account of AWS principal ${principal} cannot be told; write it as an account or role ARN from configuration`,
              ),
            );
          else if (own.has(account)) continue;
          else if (!chain.has(account))
            findings.push(
              nonCompliant(
                `${where}: AWS principal ${principal} is in account ${account}, which is not of the promotion chain (${[...chain].join(', ') || 'none configured'})`,
              ),
            );
          else admitted.add(account);
        }
        if (admitted.size === 0) continue;
        const accounts = [...admitted].join(', ');
        if (
          eventBus &&
          !statement.conditions.some((c) => EVENT_BUS_KEYS.includes(c.key.toLowerCase()))
        )
          findings.push(
            nonCompliant(
              `${where}: admits chain account ${accounts} without an events:source or events:detail-type condition, so it may put any event on the bus`,
            ),
          );
        else if (!eventBus && statement.conditions.length === 0)
          findings.push(
            nonCompliant(
              `${where}: admits chain account ${accounts} without a Condition; narrow it (aws:PrincipalArn, kms:ViaService, ...)`,
            ),
          );
      }
    }
    return findings.length > 0 ? findings : COMPLIANT;
  },
};
