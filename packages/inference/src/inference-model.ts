import { SagemakerModel } from '@cdktf/provider-aws/lib/sagemaker-model';
import { MODEL_PACKAGE_ARN_PATTERN } from '@genai-sandbox/config';
import { ConstructEnvironment } from '@genai-sandbox/core';
import type { ServiceRole } from '@genai-sandbox/security';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { modelPackageVersion } from './release';

export interface InferenceModelVpcProps {
  /** Private subnets of the platform VPC (foundation input). */
  readonly subnetIds: readonly string[];
  /** The workload security group (foundation input). */
  readonly securityGroupIds: readonly string[];
}

export interface InferenceModelProps {
  /** The inference method, part of the model's name: "realtime", "serverless". */
  readonly method: string;
  /** The versioned model package ARN the release manifest pins. */
  readonly modelPackageArn: string;
  /** The endpoint execution role (inferenceExecutionRole). */
  readonly role: ServiceRole;
  /** Runs the model containers in the platform VPC. @default - outside a VPC (serverless endpoints support none) */
  readonly vpc?: InferenceModelVpcProps;
  /**
   * No network access from the containers at all; turn off only for a container that must fetch
   * at run time. Serverless endpoints do not support it. @default true
   */
  readonly networkIsolation?: boolean;
}

/**
 * The SageMaker model of a release: one container from the approved model package (its images
 * and artifacts are the package's, in this environment's registry), the endpoint execution role,
 * the VPC and network isolation. Named after the package version, and replaced before the old
 * one goes, so an endpoint configuration never points at a deleted model.
 */
export class InferenceModel extends Construct {
  readonly resource: SagemakerModel;
  /** The model's name as a reference to the resource (configurations that use it wait for it). */
  readonly modelName: string;
  /** The same name known at synth, for policies and function settings. */
  readonly physicalName: string;

  constructor(scope: Construct, id: string, props: InferenceModelProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    const arn = props.modelPackageArn;
    if (!Token.isUnresolved(arn) && !MODEL_PACKAGE_ARN_PATTERN.test(arn))
      throw new Error(
        `InferenceModel ${this.node.path}: modelPackageArn "${arn}" is not a versioned model package ARN; pass arn:aws:sagemaker:<region>:<account>:model-package/<group>/<version> from the release manifest`,
      );
    const version = Token.isUnresolved(arn) ? 'release' : `v${modelPackageVersion(arn)}`;
    this.physicalName = stack.naming.name('sagemaker', props.method, version);
    this.resource = new SagemakerModel(this, 'Resource', {
      name: this.physicalName,
      executionRoleArn: props.role.roleArn,
      primaryContainer: { modelPackageName: arn },
      enableNetworkIsolation: props.networkIsolation ?? true,
      vpcConfig: props.vpc
        ? { subnets: [...props.vpc.subnetIds], securityGroupIds: [...props.vpc.securityGroupIds] }
        : undefined,
      lifecycle: { createBeforeDestroy: true },
      // SageMaker checks the role's access to the package's artifacts and images on creation.
      dependsOn: [props.role.policy],
    });
    this.modelName = this.resource.name;
  }
}
