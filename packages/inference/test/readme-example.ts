import type { InferenceApiSettings } from '@genai-sandbox/config';
import { FoundationInputs, type PlatformStack } from '@genai-sandbox/core';
import {
  InferenceApi,
  inferenceExecutionRole,
  InferenceModel,
  InferenceRouter,
  releaseOf,
} from '@genai-sandbox/inference';
import { PlatformKey } from '@genai-sandbox/security';
import { MlBucketReference } from '@genai-sandbox/storage';

export function serverlessRoute(stack: PlatformStack, throttling: InferenceApiSettings) {
  const endpointName = stack.naming.name('sagemaker', 'serverless');
  const key = PlatformKey.fromEnvironment(stack);
  // Lambda's kms_key_arn takes a key ARN, not an alias: the foundation input platform_key_arn.
  const keyByArn = PlatformKey.fromKeyArn(FoundationInputs.of(stack).platformKeyArn, key.aliasName);
  const router = new InferenceRouter(stack, 'Router', {
    route: 'serverless',
    endpointName,
    encryptionKey: keyByArn,
  });
  const api = new InferenceApi(stack, 'Api', {
    route: 'serverless',
    handler: router.function,
    encryptionKey: keyByArn,
    throttling,
  });
  // Undefined when environments/releases/<env>.json pins nothing: synth warns once.
  const release = releaseOf(stack, 'inference-serverless');
  if (!release) return { api, router };
  const role = inferenceExecutionRole(stack, 'ExecutionRole', {
    method: 'serverless',
    bucket: MlBucketReference.ofProject(stack),
    modelPackageGroup: release.modelPackageGroup,
  });
  const model = new InferenceModel(stack, 'Model', {
    method: 'serverless',
    modelPackageArn: release.modelPackageArn,
    role,
    networkIsolation: false, // serverless endpoints support neither isolation nor a VPC
  });
  return { api, router, model };
}
