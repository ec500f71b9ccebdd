import { SagemakerEndpoint } from '@cdktf/provider-aws/lib/sagemaker-endpoint';
import { SagemakerEndpointConfiguration } from '@cdktf/provider-aws/lib/sagemaker-endpoint-configuration';
import type { InferenceRealtimeSettings } from '@genai-sandbox/config';
import { blueGreenDeployment, endpointConfigNamePrefix } from '@genai-sandbox/inference';
import type { PlatformAlarm } from '@genai-sandbox/observability';
import { Construct } from 'constructs';

/** A variant beside the primary one: an A/B challenger or the shadow. */
export interface AdditionalVariant {
  readonly variantName: string;
  readonly modelName: string;
  readonly instanceType: string;
  readonly initialInstanceCount: number;
  /** Challengers: share of requests in percent. Shadow: share of requests copied, 0 to 1. */
  readonly weight: number;
}

export interface RealtimeEndpointProps {
  /** The endpoint's name; the alarms and the router name it too. */
  readonly endpointName: string;
  /** The variant; kept across updates, as deployment guardrails require. */
  readonly variantName: string;
  /** The SageMaker model of the release. */
  readonly modelName: string;
  readonly settings: InferenceRealtimeSettings;
  /** Where captured requests and responses go: `s3://<project bucket>/inference/realtime/logs/`. */
  readonly dataCaptureUri: string;
  /** The platform key by alias ARN: volumes and captured data. */
  readonly kmsKeyArn: string;
  /** Alarms that roll a deployment back (error rate, p99 latency), in the endpoint's account. */
  readonly rollbackAlarms: readonly PlatformAlarm[];
  /** A/B test: the primary variant's share in percent, and the challengers. @default the primary alone */
  readonly abTest?: {
    readonly primaryWeight: number;
    readonly challengers: readonly AdditionalVariant[];
  };
  /** A shadow variant, receiving copies of the primary's requests. @default none */
  readonly shadow?: AdditionalVariant;
}

function variantBlock(variant: AdditionalVariant) {
  return {
    variantName: variant.variantName,
    modelName: variant.modelName,
    instanceType: variant.instanceType,
    initialInstanceCount: variant.initialInstanceCount,
    initialVariantWeight: variant.weight,
  };
}

/**
 * The real-time endpoint of a release: an endpoint configuration with the primary instance-based
 * variant (optionally A/B challengers or a shadow variant beside it) and data capture (input and output, KMS) to the project bucket, named by prefix and created
 * before the old one is destroyed so an update never deletes the configuration in use; and the
 * endpoint, updated blue/green (canary, linear or all at once) with automatic rollback when an
 * alarm fires during the rollout.
 */
export class RealtimeEndpoint extends Construct {
  readonly configuration: SagemakerEndpointConfiguration;
  readonly endpoint: SagemakerEndpoint;

  constructor(scope: Construct, id: string, props: RealtimeEndpointProps) {
    super(scope, id);
    const { settings, rollbackAlarms } = props;
    this.configuration = new SagemakerEndpointConfiguration(this, 'Configuration', {
      namePrefix: endpointConfigNamePrefix(props.endpointName),
      kmsKeyArn: props.kmsKeyArn,
      productionVariants: [
        {
          variantName: props.variantName,
          modelName: props.modelName,
          instanceType: settings.instanceType,
          initialInstanceCount: settings.initialInstanceCount,
          initialVariantWeight: props.abTest?.primaryWeight ?? 1,
        },
        ...(props.abTest?.challengers.map(variantBlock) ?? []),
      ],
      // With a shadow, the primary's weight 1 is the whole traffic and the shadow's its sample.
      shadowProductionVariants: props.shadow ? [variantBlock(props.shadow)] : undefined,
      dataCaptureConfig: {
        enableCapture: settings.dataCaptureSamplingPercent > 0,
        initialSamplingPercentage: settings.dataCaptureSamplingPercent,
        destinationS3Uri: props.dataCaptureUri,
        kmsKeyId: props.kmsKeyArn,
        captureOptions: [{ captureMode: 'Input' }, { captureMode: 'Output' }],
        captureContentTypeHeader: { jsonContentTypes: ['application/json'] },
      },
      lifecycle: { createBeforeDestroy: true },
    });
    this.endpoint = new SagemakerEndpoint(this, 'Resource', {
      name: props.endpointName,
      endpointConfigName: this.configuration.name,
      deploymentConfig: blueGreenDeployment(
        settings.rollout,
        rollbackAlarms.map((alarm) => alarm.alarmName),
      ),
      // SageMaker reads the alarms when an update starts: they exist before the endpoint.
      dependsOn: rollbackAlarms.map((alarm) => alarm.resource),
    });
  }
}
