import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { PlatformStack, type PolicyStatement, renderPolicy } from '@genai-sandbox/core';
import type { IKey } from '@genai-sandbox/security';
import { Construct } from 'constructs';

export interface AsyncNotificationTopicsProps {
  /** The asynchronous endpoint, named in the topics' display names. */
  readonly endpointName: string;
  /** The topics are `<platform>-<env>-<project>-<purpose>-success` and `...-error`. */
  readonly purpose: string;
  /** The platform key by ARN: SNS encrypts the messages at rest with it. */
  readonly encryptionKey: IKey;
  /**
   * The endpoint's execution role. SageMaker Asynchronous Inference publishes notifications as
   * this role (the AWS guide asks the role for sns:Publish), not as a service principal.
   */
  readonly publisherRoleArn: string;
}

export const TOPIC_POLICY_SIDS = {
  allow: 'EndpointRolePublishes',
  denyOthers: 'NoOtherPrincipalPublishes',
} as const;

/**
 * The success and error topics of an asynchronous endpoint, encrypted with the platform key.
 * SageMaker publishes with the endpoint's execution role, which therefore needs sns:Publish on
 * both topics and kms:GenerateDataKey and kms:Decrypt on the key (its base execution statements
 * grant those through IAM, which the key policy delegates to the account). Each topic policy
 * allows exactly that role to publish and denies publishing to every other principal, of this
 * account or another, so no one can fake a result the callback would deliver.
 */
export class AsyncNotificationTopics extends Construct {
  readonly successTopic: SnsTopic;
  readonly errorTopic: SnsTopic;
  readonly successTopicArn: string;
  readonly errorTopicArn: string;
  /** The policy statements of each topic by ARN, exposed for tests. */
  readonly policyStatements: Readonly<Record<'success' | 'error', readonly PolicyStatement[]>>;

  constructor(scope: Construct, id: string, props: AsyncNotificationTopicsProps) {
    super(scope, id);
    const stack = PlatformStack.of(this);
    const topic = (kind: 'success' | 'error') => {
      const name = stack.naming.name('sns-topic', props.purpose, kind);
      const arn = `arn:aws:sns:${stack.region}:${stack.accountId}:${name}`;
      const resource = new SnsTopic(this, kind === 'success' ? 'Success' : 'Error', {
        name,
        displayName: `${props.endpointName} ${kind === 'success' ? 'results' : 'failures'}`,
        kmsMasterKeyId: props.encryptionKey.keyArn,
      });
      const statements: PolicyStatement[] = [
        {
          Sid: TOPIC_POLICY_SIDS.allow,
          Effect: 'Allow',
          Principal: { AWS: props.publisherRoleArn },
          Action: 'sns:Publish',
          Resource: arn,
        },
        {
          Sid: TOPIC_POLICY_SIDS.denyOthers,
          Effect: 'Deny',
          Principal: '*',
          Action: 'sns:Publish',
          Resource: arn,
          Condition: { ArnNotEquals: { 'aws:PrincipalArn': props.publisherRoleArn } },
        },
      ];
      new SnsTopicPolicy(this, kind === 'success' ? 'SuccessPolicy' : 'ErrorPolicy', {
        arn: resource.arn,
        policy: renderPolicy(statements),
      });
      return { resource, arn, statements };
    };
    const success = topic('success');
    const error = topic('error');
    this.successTopic = success.resource;
    this.errorTopic = error.resource;
    this.successTopicArn = success.arn;
    this.errorTopicArn = error.arn;
    this.policyStatements = { success: success.statements, error: error.statements };
  }
}
