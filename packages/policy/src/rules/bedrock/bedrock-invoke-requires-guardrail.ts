import { splitAction } from '../../iam/catalog';
import type { Condition, Statement } from '../../iam/policy-document';
import type { Rule, RuleInput } from '../../types';
import {
  checkStatements,
  expand,
  grantingIdentityPolicies,
  isEveryAction,
  POLICY_RESOURCE_TYPES,
} from '../iam/statements';

/**
 * The model invocation actions. Converse and ConverseStream are no IAM actions: InvokeModel and
 * InvokeModelWithResponseStream authorize them, so these two cover all four APIs.
 */
const INVOKE_ACTIONS = ['InvokeModel', 'InvokeModelWithResponseStream'];

const GUARDRAIL_KEY = 'bedrock:guardrailidentifier';

/** Operators that require the key to match (not negated, not IfExists, which passes when it is absent). */
const REQUIRING_OPERATORS = ['StringEquals', 'StringLike', 'ArnEquals', 'ArnLike'];

/**
 * `<guardrail ARN>:<version>`: a numeric version, or a Terraform reference that resolves to one
 * (`${aws_bedrock_guardrail_version.X.version}`). An ARN without a version admits DRAFT.
 */
const VERSIONED_GUARDRAIL =
  /^(arn:aws[a-z-]*:bedrock:[^:]+:\d{12}:guardrail\/[a-z0-9]+|\$\{[^}]+\}):(\d+|\$\{[^}]+\.version\})$/;

/** The invocation actions that `patterns` match. */
function invokeActionsOf(iam: RuleInput['iam'], patterns: readonly string[]): Set<string> {
  const matched = new Set<string>();
  for (const pattern of patterns) {
    if (isEveryAction(pattern)) INVOKE_ACTIONS.forEach((name) => matched.add(name));
    else if (splitAction(pattern)[0].toLowerCase() === 'bedrock')
      for (const action of expand(iam, pattern))
        if (INVOKE_ACTIONS.includes(action.name)) matched.add(action.name);
  }
  return matched;
}

const grantsInvoke = (iam: RuleInput['iam'], patterns: readonly string[]) =>
  invokeActionsOf(iam, patterns).size > 0;

/** NotAction grants an invocation action unless it names every one of them. */
const notActionGrantsInvoke = (iam: RuleInput['iam'], notActions: readonly string[]) =>
  invokeActionsOf(iam, notActions).size < INVOKE_ACTIONS.length;

function guardrailProblem(conditions: readonly Condition[]): string | undefined {
  const named = conditions.filter((condition) => condition.key.toLowerCase() === GUARDRAIL_KEY);
  const requiring = named.filter((condition) => REQUIRING_OPERATORS.includes(condition.operator));
  if (requiring.length === 0)
    return named.length === 0
      ? 'without a condition on bedrock:GuardrailIdentifier'
      : `with bedrock:GuardrailIdentifier only under ${named.map((condition) => condition.operator).join(', ')}, which does not require it`;
  const values = requiring.flatMap((condition) => condition.values);
  const loose = values.filter((value) => !VERSIONED_GUARDRAIL.test(value));
  if (values.length === 0 || loose.length > 0)
    return `with bedrock:GuardrailIdentifier ${JSON.stringify(loose.length > 0 ? loose : values)}, which is not one published guardrail version "<guardrail ARN>:<version>"`;
  return undefined;
}

function describeGrant(iam: RuleInput['iam'], statement: Statement): string {
  return statement.notActions.length > 0
    ? 'NotAction'
    : statement.actions.filter((pattern) => grantsInvoke(iam, [pattern])).join(', ');
}

export const bedrockInvokeRequiresGuardrail: Rule = {
  id: 'bedrock-invoke-requires-guardrail',
  title: 'Model invocation is allowed only with a published guardrail version',
  explanation:
    'A role that may call bedrock:InvokeModel or InvokeModelWithResponseStream (and so Converse and ConverseStream) without bedrock:GuardrailIdentifier can send any prompt to the model and return any answer, bypassing the content filters, denied topics and PII handling of the project guardrail. The condition must name a published version (<guardrail ARN>:<version>): an ARN alone admits the editable DRAFT.',
  fix: 'Grant invocation through Guardrail.grantGuardedInvoke or ProjectInferenceProfile.grantInvoke (@genai-sandbox/bedrock), which add Condition StringEquals bedrock:GuardrailIdentifier = "<guardrail ARN>:<version>"; a service role that applies its guardrail itself (a Bedrock agent) or only embeds (a knowledge base) suppresses the rule on its policy with that reason.',
  severity: 'error',
  resourceTypes: POLICY_RESOURCE_TYPES,
  check({ resource, stack, iam }) {
    return checkStatements(resource, grantingIdentityPolicies(stack, resource), (statement) => {
      if (statement.effect !== 'Allow') return [];
      const grants =
        statement.notActions.length > 0
          ? notActionGrantsInvoke(iam, statement.notActions)
          : grantsInvoke(iam, statement.actions);
      if (!grants) return [];
      const problem = guardrailProblem(statement.conditions);
      return problem
        ? [`grants model invocation (through ${describeGrant(iam, statement)}) ${problem}`]
        : [];
    });
  },
};
