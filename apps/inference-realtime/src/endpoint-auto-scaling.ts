import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import type { AppautoscalingScheduledAction } from '@cdktf/provider-aws/lib/appautoscaling-scheduled-action';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import type { InferenceRealtimeSettings } from '@genai-sandbox/config';
import { scheduledCapacity } from '@genai-sandbox/inference';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

export interface EndpointAutoScalingProps {
  readonly endpointName: string;
  readonly variantName: string;
  readonly settings: InferenceRealtimeSettings;
  /** The endpoint: the variant must exist before it is registered. */
  readonly endpoint: ITerraformDependable;
}

export const VARIANT_SCALABLE_DIMENSION = 'sagemaker:variant:DesiredInstanceCount';

/**
 * Application Auto Scaling of a real-time variant: a scalable target with the configured bounds
 * (Application Auto Scaling uses its service-linked role), target tracking on
 * SageMakerVariantInvocationsPerInstance with the configured cooldowns, and, when configured, a
 * scheduled scale-down and the scale-up that restores the bounds.
 */
export class EndpointAutoScaling extends Construct {
  readonly target: AppautoscalingTarget;
  readonly policy: AppautoscalingPolicy;
  readonly scheduledActions: readonly AppautoscalingScheduledAction[];

  constructor(scope: Construct, id: string, props: EndpointAutoScalingProps) {
    super(scope, id);
    const { autoScaling, scheduledScaling } = props.settings;
    this.target = new AppautoscalingTarget(this, 'Target', {
      serviceNamespace: 'sagemaker',
      resourceId: `endpoint/${props.endpointName}/variant/${props.variantName}`,
      scalableDimension: VARIANT_SCALABLE_DIMENSION,
      minCapacity: autoScaling.minCapacity,
      maxCapacity: autoScaling.maxCapacity,
      dependsOn: [props.endpoint],
    });
    const scalable = {
      serviceNamespace: this.target.serviceNamespace,
      resourceId: this.target.resourceId,
      scalableDimension: this.target.scalableDimension,
    };
    this.policy = new AppautoscalingPolicy(this, 'InvocationsPerInstance', {
      name: `${props.endpointName}-invocations-per-instance`,
      policyType: 'TargetTrackingScaling',
      ...scalable,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: autoScaling.targetInvocationsPerInstance,
        scaleInCooldown: autoScaling.scaleInCooldownSeconds,
        scaleOutCooldown: autoScaling.scaleOutCooldownSeconds,
        predefinedMetricSpecification: {
          predefinedMetricType: 'SageMakerVariantInvocationsPerInstance',
        },
      },
    });
    this.scheduledActions = scheduledScaling
      ? [
          scheduledCapacity(this, 'ScaleDown', {
            target: this.target,
            name: `${props.endpointName}-scale-down`,
            schedule: scheduledScaling.scaleDown,
            timezone: scheduledScaling.timezone,
            minCapacity: scheduledScaling.minCapacity,
            maxCapacity: scheduledScaling.minCapacity,
          }),
          scheduledCapacity(this, 'ScaleUp', {
            target: this.target,
            name: `${props.endpointName}-scale-up`,
            schedule: scheduledScaling.scaleUp,
            timezone: scheduledScaling.timezone,
            minCapacity: autoScaling.minCapacity,
            maxCapacity: autoScaling.maxCapacity,
          }),
        ]
      : [];
  }
}
