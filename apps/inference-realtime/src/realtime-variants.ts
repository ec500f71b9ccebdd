import type { InferenceRealtimeSettings, Release } from '@genai-sandbox/config';
import {
  InferenceModel,
  type InferenceModelVpcProps,
  modelPackageVersion,
} from '@genai-sandbox/inference';
import type { ServiceRole } from '@genai-sandbox/security';
import { Construct } from 'constructs';
import type { AdditionalVariant } from './realtime-endpoint';

export interface RealtimeVariantsProps {
  readonly method: string;
  /** The release: its model package group is where the variants' versions come from. */
  readonly release: Release;
  /** The release's model, reused by a variant of the same version. */
  readonly releaseModel: InferenceModel;
  readonly role: ServiceRole;
  readonly vpc: InferenceModelVpcProps;
  readonly settings: InferenceRealtimeSettings;
}

/**
 * The A/B challengers and the shadow variant of the configuration, each serving a version of the
 * release's model package group in this environment's registry (the same account and images as
 * the release, never another account's): one SageMaker model per distinct version, built like the
 * release's. Configuration has already refused impossible combinations (weights, names, a shadow
 * beside A/B variants).
 */
export class RealtimeVariants extends Construct {
  readonly abTest?: { primaryWeight: number; challengers: AdditionalVariant[] };
  readonly shadow?: AdditionalVariant;
  private readonly models = new Map<number, string>();

  constructor(
    scope: Construct,
    id: string,
    private readonly props: RealtimeVariantsProps,
  ) {
    super(scope, id);
    const { abTest, shadow, instanceType } = props.settings;
    this.models.set(
      Number(modelPackageVersion(props.release.modelPackageArn)),
      props.releaseModel.modelName,
    );
    if (abTest)
      this.abTest = {
        primaryWeight: abTest.primaryWeightPercent,
        challengers: abTest.variants.map((variant) => ({
          variantName: variant.name,
          modelName: this.modelOf(variant.modelPackageVersion),
          instanceType: variant.instanceType ?? instanceType,
          initialInstanceCount: variant.initialInstanceCount,
          weight: variant.weightPercent,
        })),
      };
    if (shadow)
      this.shadow = {
        variantName: shadow.name,
        modelName: this.modelOf(shadow.modelPackageVersion),
        instanceType: shadow.instanceType ?? instanceType,
        initialInstanceCount: shadow.initialInstanceCount,
        weight: shadow.samplingPercent / 100,
      };
  }

  /** The model of a version of the release's group, created once. */
  private modelOf(version: number): string {
    const existing = this.models.get(version);
    if (existing) return existing;
    const arn = this.props.release.modelPackageArn.replace(/\/\d+$/, `/${version}`);
    const model = new InferenceModel(this, `ModelV${version}`, {
      method: this.props.method,
      modelPackageArn: arn,
      role: this.props.role,
      vpc: this.props.vpc,
    });
    this.models.set(version, model.modelName);
    return model.modelName;
  }
}
