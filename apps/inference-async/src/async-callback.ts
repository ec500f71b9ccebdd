import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretPolicy } from '@cdktf/provider-aws/lib/secretsmanager-secret-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { PlatformFunction } from '@genai-sandbox/compute';
import { type InferenceAsyncSettings, ML_BUCKET_LAYOUT } from '@genai-sandbox/config';
import { PlatformStack, type PolicyStatement, renderPolicy } from '@genai-sandbox/core';
import { asyncCallbackEnvironment, functionSource } from '@genai-sandbox/functions';
import { DeadLetterAlarm, LambdaAlarms } from '@genai-sandbox/observability';
import type { IKey } from '@genai-sandbox/security';
import type { IMlBucket } from '@genai-sandbox/storage';
import { Construct } from 'constructs';
import type { AsyncNotificationTopics } from './async-notification-topics';

export interface AsyncCallbackProps {
  /** The asynchronous endpoint; names the secret. */
  readonly endpointName: string;
  /** The configured https webhook (validated by the configuration schema and again here). */
  readonly webhookUrl: string;
  readonly callback: InferenceAsyncSettings['callback'];
  readonly topics: AsyncNotificationTopics;
  readonly bucket: IMlBucket;
  /** The platform key by ARN: the secret, the function's environment, logs and queue. */
  readonly encryptionKey: IKey;
}

export const CALLBACK_SIDS = {
  readResults: 'ReadResultsAndFailures',
  readSecret: 'ReadWebhookSigningSecret',
  onlyFunctionReads: 'OnlyTheCallbackReadsTheValue',
} as const;

/**
 * Delivery of results to the configured webhook: the `async-callback` function subscribed to the
 * success and error topics (each topic may invoke it, nothing else), a Secrets Manager secret
 * holding the key that signs each delivery (no value in Terraform: it is put out of band, so it
 * never reaches the state; only the function's role may read it), and Lambda's retries of a failed
 * delivery (configured attempts and event age) before the event lands in the function's
 * KMS-encrypted dead-letter queue, whose alarm notifies the platform topic.
 */
export class AsyncCallback extends Construct {
  readonly function: PlatformFunction;
  readonly secret: SecretsmanagerSecret;
  readonly secretPolicyStatements: readonly PolicyStatement[];
  readonly invokeConfig: LambdaFunctionEventInvokeConfig;
  readonly subscriptions: readonly SnsTopicSubscription[];
  readonly deadLetterAlarm: DeadLetterAlarm;
  readonly alarms: LambdaAlarms;

  constructor(scope: Construct, id: string, props: AsyncCallbackProps) {
    super(scope, id);
    const stack = PlatformStack.of(this);
    const resultPrefixes = [
      ML_BUCKET_LAYOUT.inference.asyncOutput,
      ML_BUCKET_LAYOUT.inference.asyncFailures,
    ];
    this.secret = stack.protect(
      new SecretsmanagerSecret(this, 'Secret', {
        name: `${props.endpointName}/webhook-signing`,
        description: `Key that signs the deliveries of ${props.endpointName} results to the webhook (HMAC-SHA256, at least 32 characters), set out of band`,
        kmsKeyId: props.encryptionKey.keyArn,
        // Outside production a destroyed secret goes at once, so a redeploy can reuse the name.
        recoveryWindowInDays: stack.environment.preventDestroy ? 30 : 0,
      }),
    );
    this.function = new PlatformFunction(this, 'Function', {
      purpose: 'async-callback',
      description: `Delivers results of ${props.endpointName} from its success and error topics to the webhook`,
      source: functionSource('async-callback'),
      encryptionKey: props.encryptionKey,
      environment: asyncCallbackEnvironment({
        webhookUrl: props.webhookUrl,
        secretArn: this.secret.arn,
        bucket: props.bucket.bucketName,
        bucketOwner: stack.accountId,
        resultPrefixes,
        timeoutMs: props.callback.deliveryTimeoutSeconds * 1000,
      }),
      // Three attempts of the delivery timeout with backoff, and the reads.
      timeoutSeconds: Math.min(900, props.callback.deliveryTimeoutSeconds * 3 + 15),
    });
    this.function.addToRolePolicy({
      Sid: CALLBACK_SIDS.readResults,
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: resultPrefixes.map((prefix) => `${props.bucket.bucketArn}/${prefix}*`),
    });
    // kms:Decrypt on the key, which Secrets Manager and S3 use on the function's behalf, is part
    // of PlatformFunction's role (UsePlatformKey).
    this.function.addToRolePolicy({
      Sid: CALLBACK_SIDS.readSecret,
      Effect: 'Allow',
      Action: ['secretsmanager:GetSecretValue'],
      Resource: this.secret.arn,
    });
    this.secretPolicyStatements = [
      {
        Sid: CALLBACK_SIDS.onlyFunctionReads,
        Effect: 'Deny',
        Principal: '*',
        Action: ['secretsmanager:GetSecretValue'],
        Resource: this.secret.arn,
        Condition: { StringNotEquals: { 'aws:PrincipalArn': this.function.role.roleArn } },
      },
    ];
    new SecretsmanagerSecretPolicy(this, 'SecretPolicy', {
      secretArn: this.secret.arn,
      policy: renderPolicy(this.secretPolicyStatements),
      blockPublicPolicy: true,
    });
    this.invokeConfig = new LambdaFunctionEventInvokeConfig(this, 'Retries', {
      functionName: this.function.resource.functionName,
      maximumRetryAttempts: props.callback.maximumRetryAttempts,
      maximumEventAgeInSeconds: props.callback.maximumEventAgeSeconds,
    });
    this.subscriptions = (
      [
        ['Success', props.topics.successTopic.arn, props.topics.successTopicArn],
        ['Error', props.topics.errorTopic.arn, props.topics.errorTopicArn],
      ] as const
    ).map(([kind, topicArn, knownArn]) => {
      const permission = this.function.allowInvokeFrom(
        `AllowInvokeFrom${kind}Topic`,
        'sns.amazonaws.com',
        knownArn,
      );
      return new SnsTopicSubscription(this, `${kind}Subscription`, {
        topicArn,
        protocol: 'lambda',
        endpoint: this.function.resource.arn,
        dependsOn: [permission],
      });
    });
    this.deadLetterAlarm = new DeadLetterAlarm(this, 'DeadLetterAlarm', {
      // The name PlatformFunction gives the queue, known at synth (the attribute is a token).
      queueName: stack.naming.name('sqs-queue', 'async-callback', 'dlq'),
    });
    this.alarms = new LambdaAlarms(this, 'Alarms', { functionName: this.function.functionName });
  }
}
