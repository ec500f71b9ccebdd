import { ConstructEnvironment, type PolicyStatement } from '@genai-sandbox/core';
import type { RoutingSetting } from '@genai-sandbox/functions';
import type { IGrantable } from '@genai-sandbox/security';
import type { Construct } from 'constructs';
import {
  BEDROCK_GUARDRAIL_ACTIONS,
  BEDROCK_INVOKE_ACTIONS,
  SAGEMAKER_INVOKE_ACTIONS,
} from './perms';

/** Cross-region inference profiles carry a geography prefix before the model ID. */
const PROFILE_PREFIX = /^(us|eu|apac|us-gov|global)\./;

/** `arn:aws:sagemaker:<region>:<account>:endpoint/<name>`: endpoint ARNs are lower case whatever the name's case. */
export function sagemakerEndpointArn(
  region: string,
  accountId: string,
  endpointName: string,
): string {
  return `arn:aws:sagemaker:${region}:${accountId}:endpoint/${endpointName.toLowerCase()}`;
}

/** The value `bedrock:GuardrailIdentifier` carries for a guardrail version: `<guardrail ARN>:<version>`. */
function guardrailArn(region: string, accountId: string, identifier: string): string {
  return identifier.startsWith('arn:')
    ? identifier
    : `arn:aws:bedrock:${region}:${accountId}:guardrail/${identifier}`;
}

/**
 * Grants the inference router exactly the targets of its routing setting: InvokeEndpoint on its
 * endpoints; InvokeModel on its Bedrock models (and the regional models an inference profile
 * routes to) only through the route's published guardrail version (`bedrock:GuardrailIdentifier`,
 * one statement per version), and ApplyGuardrail on those guardrails. A Bedrock route without a
 * guardrail is refused: the platform's roles invoke models only through one. Returns the
 * statements added.
 */
export function grantInferenceTargets(
  scope: Construct,
  grantee: IGrantable,
  setting: RoutingSetting,
): PolicyStatement[] {
  const stack = ConstructEnvironment.of(scope);
  const { region, accountId } = stack;
  const endpoints = new Set<string>();
  /** Model ARNs by the guardrail version they are invoked through. */
  const modelsByGuardrail = new Map<string, Set<string>>();
  const guardrails = new Set<string>();
  const unguarded: string[] = [];
  for (const [route, target] of Object.entries(setting.routes)) {
    if (target.kind === 'sagemaker-endpoint') {
      endpoints.add(sagemakerEndpointArn(region, accountId, target.endpointName));
      continue;
    }
    if (!target.guardrail) {
      unguarded.push(`${route} (${target.modelId})`);
      continue;
    }
    const guardrail = guardrailArn(region, accountId, target.guardrail.identifier);
    guardrails.add(guardrail);
    const key = `${guardrail}:${target.guardrail.version}`;
    const models = modelsByGuardrail.get(key) ?? new Set<string>();
    modelsByGuardrail.set(key, models);
    const id = target.modelId;
    if (id.startsWith('arn:')) models.add(id);
    else if (PROFILE_PREFIX.test(id)) {
      models.add(`arn:aws:bedrock:${region}:${accountId}:inference-profile/${id}`);
      models.add(`arn:aws:bedrock:*::foundation-model/${id.replace(PROFILE_PREFIX, '')}`);
    } else models.add(`arn:aws:bedrock:${region}::foundation-model/${id}`);
  }
  if (unguarded.length > 0) {
    throw new Error(
      `grantInferenceTargets: the Bedrock routes ${unguarded.join(', ')} have no guardrail; the platform's roles invoke models only through a published guardrail version (bedrock:GuardrailIdentifier). Add guardrail: { identifier, version } to each.`,
    );
  }
  const statements: PolicyStatement[] = [];
  if (endpoints.size > 0)
    statements.push({
      Sid: 'InvokeRoutedEndpoints',
      Effect: 'Allow',
      Action: [...SAGEMAKER_INVOKE_ACTIONS],
      Resource: [...endpoints].sort(),
    });
  [...modelsByGuardrail.keys()].sort().forEach((guardrailVersion, index) =>
    statements.push({
      Sid: index === 0 ? 'InvokeRoutedModels' : `InvokeRoutedModels${index + 1}`,
      Effect: 'Allow',
      Action: [...BEDROCK_INVOKE_ACTIONS],
      Resource: [...(modelsByGuardrail.get(guardrailVersion) ?? [])].sort(),
      Condition: { StringEquals: { 'bedrock:GuardrailIdentifier': guardrailVersion } },
    }),
  );
  if (guardrails.size > 0)
    statements.push({
      Sid: 'ApplyRoutedGuardrails',
      Effect: 'Allow',
      Action: [...BEDROCK_GUARDRAIL_ACTIONS],
      Resource: [...guardrails].sort(),
    });
  for (const statement of statements) grantee.addToPolicy(statement);
  return statements;
}
