import {
  accountOfPrincipal,
  describeStatement,
  policiesOf,
  type Statement,
} from '../../iam/policy-document';
import { COMPLIANT, type Finding, NOT_APPLICABLE, nonCompliant, type Rule } from '../../types';

/** Policies whose wildcard principals, when a Condition narrows them, are left to their own rules. */
const WILDCARD_IF_CONDITIONED = ['aws_s3_bucket_policy', 'aws_kms_key', 'aws_kms_key_policy'];
const EVENT_BUS_KEYS = ['events:source', 'events:detail-type'];
/** A whole-value reference to a resource of this stack (`${aws_iam_role.X.arn}`): this account. */
const OWN_RESOURCE = /^\$\{aws_[a-z0-9_]+\.[A-Za-z0-9_-]+\.[a-z_]+\}$/;

/**
 * Promotion flows one way: a bus receives from the previous account of the chain; registries,
 * images, artifacts and keys are read by the next one. Undefined when this account is off the chain.
 */
function expectedNeighbour(
  chain: readonly string[],
  own: readonly string[],
  eventBus: boolean,
): { account?: string; word: string } | undefined {
  const index = chain.findIndex((account) => own.includes(account));
  if (index < 0) return undefined;
  return eventBus
    ? { account: chain[index - 1], word: 'previous' }
    : { account: chain[index + 1], word: 'next' };
}

/** aws:PrincipalArn values naming roles of another account than the admitted neighbour, or by pattern. */
function principalArnProblems(statement: Statement, admitted: ReadonlySet<string>): string[] {
  return statement.conditions
    .filter(
      (condition) =>
        condition.key.toLowerCase() === 'aws:principalarn' && !condition.operator.includes('Not'),
    )
    .flatMap((condition) =>
      condition.values.flatMap((value) => {
        if (OWN_RESOURCE.test(value)) return [];
        const account = accountOfPrincipal(value);
        if (account !== undefined && !admitted.has(account))
          return [
            `aws:PrincipalArn ${value} is in account ${account}, not the admitted account ${[...admitted].join(', ')}`,
          ];
        return /[*?]/.test(value)
          ? [
              `aws:PrincipalArn ${value} names roles by pattern, which admits every matching role of that account (its plan role, roles its deploy role creates); name each role exactly`,
            ]
          : [];
      }),
    );
}

export const crossAccountPrincipalsInChain: Rule = {
  id: 'cross-account-principals-in-chain',
  title:
    'Resource policies admit only the neighbour of the promotion chain in the direction promotion flows, with conditions',
  explanation:
    'Promotion shares event buses, model registries, images, artifacts and keys between neighbouring accounts of the chain, one way: a promotion bus receives from the previous account; registries, images, artifacts and keys are read by the next one. A "*" principal, or an account outside the chain, hands them to whoever controls it; a chain account in the wrong direction (a bus admitting the next account, a registry read by the previous one or by prod from dev) reverses or skips a promotion gate; a chain account admitted without a Condition gets every action the statement allows for any purpose (on event buses, any event instead of the model approval events), and an aws:PrincipalArn pattern admits every matching role of that account.',
  fix: 'Name chain accounts from the platform configuration (chainPosition in @genai-sandbox/config, accountRootArn in core): the previous account on promotion bus policies, with events:source and events:detail-type conditions; the next account on registry, ECR, bucket and key policies, with aws:PrincipalArn naming its exact roles (platformRoleArn) or kms:ViaService.',
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
        const neighbour = expectedNeighbour(context.chainAccountIds, stack.accountIds, eventBus);
        for (const account of admitted) {
          if (neighbour === undefined)
            findings.push(
              nonCompliant(
                `${where}: admits chain account ${account}, but this stack's account (${stack.accountIds.join(', ') || 'unknown'}) is not of the chain, so the direction of promotion cannot be told`,
              ),
            );
          else if (account !== neighbour.account)
            findings.push(
              nonCompliant(
                `${where}: admits chain account ${account}, which is not the ${neighbour.word} account of the chain (${neighbour.account ?? 'none: this is the ' + (eventBus ? 'first' : 'last') + ' account'}); ${eventBus ? 'a promotion bus receives from the previous account only' : 'registries, images, artifacts and keys are read by the next account only'}`,
              ),
            );
        }
        for (const problem of principalArnProblems(statement, admitted))
          findings.push(nonCompliant(`${where}: ${problem}`));
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
