import { SagemakerEndpoint } from '@cdktf/provider-aws/lib/sagemaker-endpoint';
import { SagemakerEndpointConfiguration } from '@cdktf/provider-aws/lib/sagemaker-endpoint-configuration';
import type { InferenceAsyncSettings } from '@genai-sandbox/config';
import { blueGreenDeployment, endpointConfigNamePrefix } from '@genai-sandbox/inference';
import type { PlatformAlarm } from '@genai-sandbox/observability';
import { Construct } from 'constructs';

export interface AsyncEndpointProps {
  /** The endpoint's name; the alarms, scaling and submitter name it too. */
  readonly endpointName: string;
  /** The variant; kept across updates, as deployment guardrails require. */
  readonly variantName: string;
  /** The SageMaker model of the release. */
  readonly modelName: string;
  readonly settings: InferenceAsyncSettings;
  /** `s3://<project bucket>/inference/async/output/`. */
  readonly outputUri: string;
  /** `s3://<project bucket>/inference/async/failures/`. */
  readonly failureUri: string;
  /** The platform key by alias ARN: volumes, results and failures. */
  readonly kmsKeyArn: string;
  readonly successTopicArn: string;
  readonly errorTopicArn: string;
  /** Alarms that roll a deployment back, in the endpoint's account. */
  readonly rollbackAlarms: readonly PlatformAlarm[];
}

/**
 * The asynchronous endpoint of a release: an endpoint configuration with one instance-based
 * variant and an `async_inference_config` (results to `inference/async/output/`, failures to
 * `inference/async/failures/`, both with the platform key; the configured concurrency per
 * instance; notifications to the success and error topics), named by prefix and created before
 * the old one is destroyed; and the endpoint, updated blue/green with the rollout settings of
 * real-time endpoints and automatic rollback on the given alarms.
 */
export class AsyncEndpoint extends Construct {
  readonly configuration: SagemakerEndpointConfiguration;
  readonly endpoint: SagemakerEndpoint;

  constructor(scope: Construct, id: string, props: AsyncEndpointProps) {
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
      asyncInferenceConfig: {
        clientConfig: {
          maxConcurrentInvocationsPerInstance: settings.maxConcurrentInvocationsPerInstance,
        },
        outputConfig: {
          s3OutputPath: props.outputUri,
          s3FailurePath: props.failureUri,
          kmsKeyId: props.kmsKeyArn,
          notificationConfig: {
            successTopic: props.successTopicArn,
            errorTopic: props.errorTopicArn,
          },
        },
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
