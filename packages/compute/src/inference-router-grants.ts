import { PlatformStack, type PolicyStatement } from '@genai-sandbox/core';
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

/**
 * Grants the inference router exactly the targets of its routing setting: InvokeEndpoint on its
 * endpoints, InvokeModel on its Bedrock models (and the regional models an inference profile
 * routes to), ApplyGuardrail on its guardrails. Returns the statements added.
 */
export function grantInferenceTargets(
  scope: Construct,
  grantee: IGrantable,
  setting: RoutingSetting,
): PolicyStatement[] {
  const stack = PlatformStack.of(scope);
  const { region, accountId } = stack;
  const endpoints = new Set<string>();
  const models = new Set<string>();
  const guardrails = new Set<string>();
  for (const target of Object.values(setting.routes)) {
    if (target.kind === 'sagemaker-endpoint') {
      // Endpoint ARNs are lower case whatever the name's case.
      endpoints.add(
        `arn:aws:sagemaker:${region}:${accountId}:endpoint/${target.endpointName.toLowerCase()}`,
      );
      continue;
    }
    const id = target.modelId;
    if (id.startsWith('arn:')) models.add(id);
    else if (PROFILE_PREFIX.test(id)) {
      models.add(`arn:aws:bedrock:${region}:${accountId}:inference-profile/${id}`);
      models.add(`arn:aws:bedrock:*::foundation-model/${id.replace(PROFILE_PREFIX, '')}`);
    } else models.add(`arn:aws:bedrock:${region}::foundation-model/${id}`);
    if (target.guardrail) {
      const guardrail = target.guardrail.identifier;
      guardrails.add(
        guardrail.startsWith('arn:')
          ? guardrail
          : `arn:aws:bedrock:${region}:${accountId}:guardrail/${guardrail}`,
      );
    }
  }
  const statements: PolicyStatement[] = [];
  if (endpoints.size > 0)
    statements.push({
      Sid: 'InvokeRoutedEndpoints',
      Effect: 'Allow',
      Action: [...SAGEMAKER_INVOKE_ACTIONS],
      Resource: [...endpoints].sort(),
    });
  if (models.size > 0)
    statements.push({
      Sid: 'InvokeRoutedModels',
      Effect: 'Allow',
      Action: [...BEDROCK_INVOKE_ACTIONS],
      Resource: [...models].sort(),
    });
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
