import { containerRepositoryName, ML_BUCKET_LAYOUT } from '@genai-sandbox/config';
import { ConstructEnvironment } from '@genai-sandbox/core';
import { ContainerRepository } from '@genai-sandbox/registry';
import { grantVpcNetworkInterfaces, type IKeyGrants, ServiceRole } from '@genai-sandbox/security';
import type { IMlBucket } from '@genai-sandbox/storage';
import type { Construct } from 'constructs';

export interface InferenceExecutionRoleProps {
  /** The inference method, part of the role's name: "realtime", "serverless". */
  readonly method: string;
  /** The project's ML bucket: model artifacts are read from `artifacts/models/sagemaker-finetuned/` and `sagemaker-custom/`. */
  readonly bucket: IMlBucket;
  /** Model package group of the release: its images are pulled from the group's repository. */
  readonly modelPackageGroup: string;
  /** The endpoint runs in the platform VPC, so the role manages its network interfaces. @default false */
  readonly inVpc?: boolean;
  /** The role's purpose, the last part of its name. @default `<method>-endpoint` */
  readonly purpose?: string;
  /** What runs as the role, shown in the IAM console. @default `SageMaker <method> endpoint` */
  readonly runs?: string;
  /** The key of the role's logs and volumes. @default - the environment's platform key (PlatformKey.fromEnvironment) */
  readonly encryptionKey?: IKeyGrants;
  /**
   * ARN of the VPC of an `inVpc` endpoint.
   * @default - the platform VPC of a PlatformStack (foundation input `vpc_id`); required in another stack
   */
  readonly vpcArn?: string;
}

/**
 * The role a SageMaker endpoint runs as: the base execution role of the role hierarchy (its own
 * log groups, the platform key by alias), read access to the project's model artifacts, image
 * pulls from the environment's own repository of the model package group (never another
 * account's registry), and in a VPC its network interfaces. The blueprint adds what only its
 * method needs (real-time: writing captured data).
 */
export function inferenceExecutionRole(
  scope: Construct,
  id: string,
  props: InferenceExecutionRoleProps,
): ServiceRole {
  const stack = ConstructEnvironment.of(scope);
  const role = new ServiceRole(scope, id, {
    purpose: props.purpose ?? `${props.method}-endpoint`,
    description: `${props.runs ?? `SageMaker ${props.method} endpoint`} of ${stack.projectName ?? stack.environment.name}: model artifacts, images and logs`,
    service: 'sagemaker.amazonaws.com',
  });
  role.grantBaseExecution({ encryptionKey: props.encryptionKey });
  // Packages registered by the training pipeline, and custom ones registered by hand.
  props.bucket.grantRead(role, ML_BUCKET_LAYOUT.artifacts.sagemakerFinetuned);
  props.bucket.grantRead(role, ML_BUCKET_LAYOUT.artifacts.sagemakerCustom);
  ContainerRepository.fromName(
    scope,
    `${id}Repository`,
    containerRepositoryName(stack, stack.environment, props.modelPackageGroup),
  ).grantPull(role);
  if (props.inVpc) grantVpcNetworkInterfaces(scope, role, { vpcArn: props.vpcArn });
  return role;
}
