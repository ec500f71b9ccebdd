import { BedrockModelInvocationLoggingConfiguration } from '@cdktf/provider-aws/lib/bedrock-model-invocation-logging-configuration';
import { ConstructEnvironment } from '@genai-sandbox/core';
import { PlatformLogGroup } from '@genai-sandbox/observability';
import { type IKey, type IPermissionsBoundary, ServiceRole } from '@genai-sandbox/security';
import { Construct } from 'constructs';

export interface ModelInvocationLoggingProps {
  /** The platform key: the log group is encrypted with it (its policy admits CloudWatch Logs). */
  readonly encryptionKey: IKey;
  /** Days the invocation log events are kept. @default - the environment's `logRetentionDays` */
  readonly retentionDays?: number;
  /** @default - the environment's boundary */
  readonly permissionsBoundary?: IPermissionsBoundary;
}

/** Sid of the logging role's one statement. */
export const INVOCATION_LOG_WRITE_SID = 'WriteInvocationLogs';

/**
 * Bedrock model invocation logging of the account (an account-level setting, so it lives in the
 * foundation stack): prompts and responses of every model call, text only, to a log group
 * encrypted with the platform key and kept `retentionDays`. Bedrock writes as a role that only
 * it, for this account, may assume, and that may only write streams of this log group.
 */
export class ModelInvocationLogging extends Construct {
  readonly logGroup: PlatformLogGroup;
  readonly role: ServiceRole;
  readonly resource: BedrockModelInvocationLoggingConfiguration;

  constructor(scope: Construct, id: string, props: ModelInvocationLoggingProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    this.logGroup = new PlatformLogGroup(this, 'LogGroup', {
      purpose: ['bedrock', 'model-invocations'],
      encryptionKey: props.encryptionKey,
      retentionDays: props.retentionDays,
    });
    this.role = new ServiceRole(this, 'Role', {
      purpose: 'bedrock-invocation-logging',
      description: 'Bedrock writes model invocation logs of this account',
      service: 'bedrock.amazonaws.com',
      sourceArns: [`arn:aws:bedrock:${stack.region}:${stack.accountId}:*`],
      permissionsBoundary: props.permissionsBoundary,
    });
    this.role.addToPolicy({
      Sid: INVOCATION_LOG_WRITE_SID,
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `${this.logGroup.logGroupArn}:log-stream:*`,
    });
    this.resource = new BedrockModelInvocationLoggingConfiguration(this, 'Resource', {
      loggingConfig: {
        textDataDeliveryEnabled: true,
        imageDataDeliveryEnabled: false,
        embeddingDataDeliveryEnabled: false,
        videoDataDeliveryEnabled: false,
        cloudwatchConfig: {
          logGroupName: this.logGroup.resource.name,
          roleArn: this.role.roleArn,
        },
      },
      // Bedrock checks that it can assume the role and write when the configuration is set.
      dependsOn: [this.role.policy],
    });
  }
}
