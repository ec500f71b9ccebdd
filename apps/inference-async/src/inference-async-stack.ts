import { type InferenceAsyncSettings, ML_BUCKET_LAYOUT, type Release } from '@genai-sandbox/config';
import {
  addOutput,
  assertProjectContext,
  FoundationInputs,
  PlatformStack,
  type StackContext,
} from '@genai-sandbox/core';
import {
  grantEndpointInvoke,
  InferenceApi,
  inferenceExecutionRole,
  InferenceModel,
  releaseOf,
} from '@genai-sandbox/inference';
import { AsyncBacklogAlarm, AsyncFailureAlarm } from '@genai-sandbox/observability';
import {
  type ExternalRole,
  grantProjectMembers,
  PlatformKey,
  type ServiceRole,
} from '@genai-sandbox/security';
import { MlBucketReference } from '@genai-sandbox/storage';
import type { Construct } from 'constructs';
import { AsyncAutoScaling } from './async-auto-scaling';
import { AsyncCallback } from './async-callback';
import { AsyncEndpoint } from './async-endpoint';
import { AsyncNotificationTopics } from './async-notification-topics';
import { AsyncSubmitter } from './async-submitter';

export const INFERENCE_ASYNC_APP = 'inference-async';
export const ASYNC_ROUTE = 'async';
/** One variant name kept across updates: blue/green deployments require it. */
export const ASYNC_VARIANT = 'AllTraffic';
export const ASYNC_INPUT_PREFIX = ML_BUCKET_LAYOUT.inference.asyncInput;
export const ASYNC_OUTPUT_PREFIX = ML_BUCKET_LAYOUT.inference.asyncOutput;
export const ASYNC_FAILURE_PREFIX = ML_BUCKET_LAYOUT.inference.asyncFailures;

/**
 * Blueprint 3d, asynchronous inference, for one project: `POST /async` of the project's
 * inference API stores the request under `inference/async/input/` and queues it on an
 * asynchronous SageMaker endpoint of the model package the release manifest pins, answering with
 * the inference ID at once. The endpoint (VPC, network isolation) writes results to
 * `inference/async/output/` and failures to `inference/async/failures/` with the platform key and
 * notifies a success and an error topic; a callback function delivers each result to the
 * configured webhook, signed, with retries and a dead-letter queue. The endpoint scales on its
 * queue down to zero instances, and out from zero when requests wait; a queue-depth alarm reports
 * a backlog scaling does not clear; updates are blue/green with the rollout settings of real-time
 * endpoints and roll back on the model-error alarm.
 *
 * Without a release the model, endpoint, role, topics, scaling and callback are left out and
 * synth says so; the route, submitter and alarms are deployed and name the endpoint the first
 * release will create (the submitter answers 503 until then).
 */
export class InferenceAsyncStack extends PlatformStack {
  readonly settings: InferenceAsyncSettings;
  readonly release?: Release;
  readonly endpointName: string;
  readonly submitter: AsyncSubmitter;
  readonly api: InferenceApi;
  readonly backlogAlarm: AsyncBacklogAlarm;
  readonly failureAlarm: AsyncFailureAlarm;
  readonly executionRole?: ServiceRole;
  readonly topics?: AsyncNotificationTopics;
  readonly model?: InferenceModel;
  readonly endpoint?: AsyncEndpoint;
  readonly autoScaling?: AsyncAutoScaling;
  /** Only with a release and a configured webhook. */
  readonly callback?: AsyncCallback;
  /** The project's SageMaker Unified Studio role, when configured: what its members get here. */
  readonly projectRole?: ExternalRole;

  constructor(scope: Construct, context: StackContext) {
    assertProjectContext(context, INFERENCE_ASYNC_APP);
    super(scope, { ...context, app: INFERENCE_ASYNC_APP });
    this.settings = context.environment.blueprints.inferenceAsync;
    const key = PlatformKey.fromEnvironment(this);
    const inputs = FoundationInputs.of(this);
    const keyByArn = PlatformKey.fromKeyArn(inputs.platformKeyArn, key.aliasName);
    const bucket = MlBucketReference.ofProject(this);
    this.endpointName = this.naming.name('sagemaker', ASYNC_ROUTE);
    this.release = releaseOf(this, INFERENCE_ASYNC_APP);

    this.submitter = new AsyncSubmitter(this, 'Submitter', {
      endpointName: this.endpointName,
      bucket,
      encryptionKey: keyByArn,
      platformKey: key,
    });
    this.api = new InferenceApi(this, 'Api', {
      route: ASYNC_ROUTE,
      handler: this.submitter.function,
      encryptionKey: keyByArn,
      throttling: this.settings.api,
    });
    this.backlogAlarm = new AsyncBacklogAlarm(this, 'BacklogAlarm', {
      endpointName: this.endpointName,
    });
    this.failureAlarm = new AsyncFailureAlarm(this, 'FailureAlarm', {
      endpointName: this.endpointName,
      variantName: ASYNC_VARIANT,
    });

    if (this.release) {
      const role = inferenceExecutionRole(this, 'ExecutionRole', {
        method: ASYNC_ROUTE,
        bucket,
        modelPackageGroup: this.release.modelPackageGroup,
        inVpc: true,
      });
      this.executionRole = role;
      const topics = new AsyncNotificationTopics(this, 'Topics', {
        endpointName: this.endpointName,
        purpose: ASYNC_ROUTE,
        encryptionKey: keyByArn,
        publisherRoleArn: role.roleArn,
      });
      this.topics = topics;
      this.grantAsyncExecution(role, bucket.bucketArn, topics);
      bucket.grantRead(role, ASYNC_INPUT_PREFIX);
      this.model = new InferenceModel(this, 'Model', {
        method: ASYNC_ROUTE,
        modelPackageArn: this.release.modelPackageArn,
        role,
        vpc: {
          subnetIds: inputs.privateSubnetIds,
          securityGroupIds: [inputs.workloadSecurityGroupId],
        },
      });
      this.endpoint = new AsyncEndpoint(this, 'Endpoint', {
        endpointName: this.endpointName,
        variantName: ASYNC_VARIANT,
        modelName: this.model.modelName,
        settings: this.settings,
        outputUri: bucket.s3Uri(ASYNC_OUTPUT_PREFIX),
        failureUri: bucket.s3Uri(ASYNC_FAILURE_PREFIX),
        kmsKeyArn: key.aliasArn,
        successTopicArn: topics.successTopic.arn,
        errorTopicArn: topics.errorTopic.arn,
        rollbackAlarms: [this.failureAlarm],
      });
      this.autoScaling = new AsyncAutoScaling(this, 'AutoScaling', {
        endpointName: this.endpointName,
        variantName: ASYNC_VARIANT,
        settings: this.settings,
        endpoint: this.endpoint.endpoint,
      });
      const webhookUrl = this.settings.callback.webhookUrl;
      if (webhookUrl)
        this.callback = new AsyncCallback(this, 'Callback', {
          endpointName: this.endpointName,
          webhookUrl,
          callback: this.settings.callback,
          topics,
          bucket,
          encryptionKey: keyByArn,
        });
    }
    // Members queue requests through the route, or put the input under the input folder and
    // call the endpoint themselves; they read results and failures.
    this.projectRole = grantProjectMembers(this, [
      (role) => this.api.grantInvoke(role),
      (role) => grantEndpointInvoke(this, role, this.endpointName, { asynchronous: true }),
      (role) => bucket.grantReadWrite(role, ASYNC_INPUT_PREFIX),
      (role) => bucket.grantRead(role, ASYNC_OUTPUT_PREFIX),
      (role) => bucket.grantRead(role, ASYNC_FAILURE_PREFIX),
    ]);
    this.declareOutputs();
  }

  /**
   * What only an asynchronous endpoint's role needs on top of the base execution role: writing
   * results and failures (never deleting or reading them back), and publishing to its own two
   * topics, which SageMaker does as this role.
   */
  private grantAsyncExecution(
    role: ServiceRole,
    bucketArn: string,
    topics: AsyncNotificationTopics,
  ): void {
    role.addToPolicy({
      Sid: 'WriteResultsAndFailures',
      Effect: 'Allow',
      Action: ['s3:PutObject', 's3:AbortMultipartUpload'],
      Resource: [`${bucketArn}/${ASYNC_OUTPUT_PREFIX}*`, `${bucketArn}/${ASYNC_FAILURE_PREFIX}*`],
    });
    role.addToPolicy({
      Sid: 'PublishNotifications',
      Effect: 'Allow',
      Action: ['sns:Publish'],
      Resource: [topics.successTopicArn, topics.errorTopicArn],
    });
  }

  private declareOutputs(): void {
    addOutput(this, 'inference_url', {
      value: this.api.routeUrl,
      description:
        'POST { "input": {...} } with SigV4 (execute-api:Invoke): answers 202 with the inference ID',
    });
    addOutput(this, 'inference_route_arn', {
      value: this.api.routeArn,
      description: 'Resource of execute-api:Invoke for callers of the asynchronous route',
    });
    addOutput(this, 'endpoint_name', {
      value: this.endpointName,
      description: 'SageMaker asynchronous endpoint (exists once a release is deployed)',
    });
    addOutput(this, 'submitter_function_name', {
      value: this.submitter.function.functionName,
      description: 'Lambda function behind the asynchronous route',
    });
    if (this.callback)
      addOutput(this, 'webhook_secret_arn', {
        value: this.callback.secret.arn,
        description:
          'Put the webhook signing key here (aws secretsmanager put-secret-value, at least 32 characters)',
      });
  }
}
