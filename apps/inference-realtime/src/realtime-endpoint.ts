import { SagemakerEndpoint } from '@cdktf/provider-aws/lib/sagemaker-endpoint';
import { SagemakerEndpointConfiguration } from '@cdktf/provider-aws/lib/sagemaker-endpoint-configuration';
import type { InferenceRealtimeSettings } from '@genai-sandbox/config';
import { blueGreenDeployment, endpointConfigNamePrefix } from '@genai-sandbox/inference';
import type { PlatformAlarm } from '@genai-sandbox/observability';
import { Construct } from 'constructs';

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
}

/**
 * The real-time endpoint of a release: an endpoint configuration with one instance-based variant
 * and data capture (input and output, KMS) to the project bucket, named by prefix and created
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
          initialVariantWeight: 1,
        },
      ],
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
