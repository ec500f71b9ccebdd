import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import type { AppautoscalingScheduledAction } from '@cdktf/provider-aws/lib/appautoscaling-scheduled-action';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import type { InferenceAsyncSettings } from '@genai-sandbox/config';
import { PlatformStack } from '@genai-sandbox/core';
import { scheduledCapacity } from '@genai-sandbox/inference';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

export interface AsyncAutoScalingProps {
  readonly endpointName: string;
  readonly variantName: string;
  readonly settings: InferenceAsyncSettings;
  /** The endpoint: the variant must exist before it is registered. */
  readonly endpoint: ITerraformDependable;
}

/**
 * Application Auto Scaling of an asynchronous variant, as the SageMaker guide documents it:
 * - a scalable target whose minimum may be 0, so an idle endpoint costs no instance;
 * - target tracking on ApproximateBacklogSizePerInstance (requests queued per instance);
 * - because target tracking cannot leave zero (a backlog per zero instances is no number), a
 *   step-scaling policy adding one instance, started by an alarm on HasBacklogWithoutCapacity
 *   (1 while requests wait and no instance runs) over two one-minute periods;
 * - when configured, scheduled actions that keep instances warm in working hours.
 * The scale-out alarm's action is the policy, not the alarm topic: it is a trigger, and the
 * queue-depth alarm of the stack reports a backlog that scaling does not clear.
 */
export class AsyncAutoScaling extends Construct {
  readonly target: AppautoscalingTarget;
  readonly backlogPolicy: AppautoscalingPolicy;
  readonly scaleOutFromZeroPolicy: AppautoscalingPolicy;
  readonly scaleOutFromZeroAlarm: CloudwatchMetricAlarm;
  readonly scheduledActions: readonly AppautoscalingScheduledAction[];

  constructor(scope: Construct, id: string, props: AsyncAutoScalingProps) {
    super(scope, id);
    const stack = PlatformStack.of(this);
    const { autoScaling, warmCapacity } = props.settings;
    this.target = new AppautoscalingTarget(this, 'Target', {
      serviceNamespace: 'sagemaker',
      resourceId: `endpoint/${props.endpointName}/variant/${props.variantName}`,
      scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      minCapacity: autoScaling.minCapacity,
      maxCapacity: autoScaling.maxCapacity,
      dependsOn: [props.endpoint],
    });
    const scalable = {
      serviceNamespace: this.target.serviceNamespace,
      resourceId: this.target.resourceId,
      scalableDimension: this.target.scalableDimension,
    };
    const dimensions = [{ name: 'EndpointName', value: props.endpointName }];
    this.backlogPolicy = new AppautoscalingPolicy(this, 'BacklogPerInstance', {
      name: `${props.endpointName}-backlog-per-instance`,
      policyType: 'TargetTrackingScaling',
      ...scalable,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: autoScaling.targetBacklogPerInstance,
        scaleInCooldown: autoScaling.scaleInCooldownSeconds,
        scaleOutCooldown: autoScaling.scaleOutCooldownSeconds,
        customizedMetricSpecification: {
          namespace: 'AWS/SageMaker',
          metricName: 'ApproximateBacklogSizePerInstance',
          dimensions,
          statistic: 'Average',
        },
      },
    });
    this.scaleOutFromZeroPolicy = new AppautoscalingPolicy(this, 'ScaleOutFromZero', {
      name: `${props.endpointName}-scale-out-from-zero`,
      policyType: 'StepScaling',
      ...scalable,
      stepScalingPolicyConfiguration: {
        adjustmentType: 'ChangeInCapacity',
        metricAggregationType: 'Average',
        cooldown: autoScaling.scaleOutCooldownSeconds,
        stepAdjustment: [{ metricIntervalLowerBound: '0', scalingAdjustment: 1 }],
      },
    });
    this.scaleOutFromZeroAlarm = new CloudwatchMetricAlarm(this, 'HasBacklogWithoutCapacity', {
      alarmName: stack.naming.name('cloudwatch-alarm', 'async', 'scale-out-from-zero'),
      alarmDescription: `Requests wait in the queue of ${props.endpointName} while no instance runs: starts the step-scaling policy that adds one instance.`,
      namespace: 'AWS/SageMaker',
      metricName: 'HasBacklogWithoutCapacity',
      dimensions: { EndpointName: props.endpointName },
      statistic: 'Average',
      period: 60,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      threshold: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      // The documented setting: no data (no endpoint traffic yet) neither starts nor stops scaling.
      treatMissingData: 'missing',
      actionsEnabled: true,
      alarmActions: [this.scaleOutFromZeroPolicy.arn],
    });
    this.scheduledActions = warmCapacity
      ? [
          scheduledCapacity(this, 'WarmStart', {
            target: this.target,
            name: `${props.endpointName}-warm-start`,
            schedule: warmCapacity.start,
            timezone: warmCapacity.timezone,
            minCapacity: warmCapacity.instances,
            maxCapacity: autoScaling.maxCapacity,
          }),
          scheduledCapacity(this, 'WarmStop', {
            target: this.target,
            name: `${props.endpointName}-warm-stop`,
            schedule: warmCapacity.stop,
            timezone: warmCapacity.timezone,
            minCapacity: autoScaling.minCapacity,
            maxCapacity: autoScaling.maxCapacity,
          }),
        ]
      : [];
  }
}
