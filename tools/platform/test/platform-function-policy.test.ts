import { PlatformKey } from '@genai-sandbox/security';
import {
  FunctionInvocation,
  grantInferenceTargets,
  PlatformFunction,
} from '@genai-sandbox/compute';
import { Testing } from 'cdktf';
import { testStack } from '@genai-sandbox/core/testing';
import { functionSource, routingEnvironment, type RoutingSetting } from '@genai-sandbox/functions';
import { BASELINE_PACK, checkStacks, stackModelFromJson } from '@genai-sandbox/policy';

/**
 * The policy gate over what PlatformFunction builds: a function in a VPC with the router's
 * grants and a custom action passes every baseline rule, IAM action names included (checked
 * against the IAM catalogue).
 */

const SETTING: RoutingSetting = {
  defaultRoute: 'realtime',
  routes: {
    realtime: { kind: 'sagemaker-endpoint', endpointName: 'genai-dev-fraud-realtime' },
    assistant: {
      kind: 'bedrock-model',
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      guardrail: { identifier: 'abc123def456', version: '2' },
    },
  },
};

it('a PlatformFunction with VPC, router grants and a custom action passes the baseline pack', async () => {
  const stack = testStack({ project: 'fraud-detection' });
  const router = new PlatformFunction(stack, 'Router', {
    purpose: 'inference-router',
    description: 'Routes inference requests',
    source: functionSource('inference-router'),
    encryptionKey: PlatformKey.fromKeyArn(
      'arn:aws:kms:eu-west-1:111111111111:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
      'alias/genai-dev-platform',
    ),
    environment: routingEnvironment(SETTING),
    vpc: { subnetIds: ['subnet-0abc12345def67890'], securityGroupIds: ['sg-0abc12345def67890'] },
  });
  grantInferenceTargets(stack, router.role, SETTING);
  new FunctionInvocation(stack, 'Probe', { function: router, input: { probe: true } });
  const model = stackModelFromJson(stack.node.id, JSON.parse(Testing.synth(stack)));
  const report = await checkStacks([{ model, packs: [BASELINE_PACK] }], {
    chainAccountIds: ['111111111111', '222222222222', '333333333333'],
    githubRepository: 'example-org/genai-sandbox',
    requiredTags: [],
  });
  expect(report.stacks[0].violations.map((v) => `${v.ruleId} ${v.address}: ${v.message}`)).toEqual(
    [],
  );
  expect(report.stacks[0].evaluations).toBeGreaterThan(20);
});
