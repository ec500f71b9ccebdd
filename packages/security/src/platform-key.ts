import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import {
  accountRootArn,
  ConstructEnvironment,
  type PolicyStatement,
  renderPolicy,
} from '@genai-sandbox/core';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import type { IGrantable } from './grantable';
import { type IKeyGrants, KeyArnGrants, type KeyGrantOptions } from './key-grants';
import { type IPlatformKey, PlatformKeyReference } from './platform-key-reference';

/** A KMS key as other constructs see it, with the grants on it. */
export interface IKey extends IKeyGrants {
  readonly keyArn: string;
  readonly keyId: string;
  readonly aliasName: string;
}

export interface PlatformKeyProps {
  /** Purpose, part of the alias: `alias/<platform>-<env>-<purpose>`. */
  readonly purpose: string;
  /** What the key protects, shown in the KMS console. */
  readonly description: string;
  /**
   * Accounts that may decrypt objects encrypted with this key when reading them through S3 (the
   * next environment of the promotion chain reading model artifacts). Their IAM policies must
   * also allow it. @default - no other account can use the key
   */
  readonly downstreamAccountIds?: readonly string[];
  /** Let CloudWatch Logs in this account and region encrypt log groups with the key. @default true */
  readonly allowCloudWatchLogs?: boolean;
  /**
   * Let S3 server access logging of this account write log objects encrypted with the key, for
   * an access-log bucket that uses it. @default false
   */
  readonly allowS3ServerAccessLogs?: boolean;
  /**
   * Let EventBridge of this account use the key: encrypted event buses, API destination
   * connections (the key is tagged EventBridgeApiDestinations=true, which they require) and the
   * encrypted SQS dead-letter queues it delivers to. @default false
   */
  readonly allowEventBridge?: boolean;
  /**
   * Let CloudWatch alarms and AWS Budgets of this account publish to SNS topics encrypted with
   * the key (the platform alarm topic); EventBridge rules need `allowEventBridge`. @default false
   */
  readonly allowAlarmNotifications?: boolean;
  /**
   * Narrows `downstreamAccountIds` to these principals (roles) of those accounts, by
   * `aws:PrincipalArn`; the principal itself need not exist yet. @default - any principal of the accounts
   */
  readonly downstreamPrincipalArns?: readonly string[];
  /** Days a scheduled deletion waits, 7 to 30. @default 30 - the longest window to notice a mistake */
  readonly deletionWindowDays?: number;
}

const LOGS_ACTIONS = [
  'kms:Encrypt*',
  'kms:Decrypt*',
  'kms:ReEncrypt*',
  'kms:GenerateDataKey*',
  'kms:Describe*',
];

/**
 * A customer managed KMS key with yearly rotation and a key policy that names every principal:
 * the account (which delegates to IAM policies), CloudWatch Logs bound to this account's log
 * groups, and optionally downstream accounts that may only decrypt through S3.
 */
export class PlatformKey extends Construct implements IKey {
  /**
   * The environment's platform key as a stack other than foundation sees it: named by its alias,
   * since its ARN is random and lives in the foundation stack.
   */
  static fromEnvironment(scope: Construct): IPlatformKey {
    return PlatformKeyReference.ofEnvironment(scope);
  }

  /**
   * A key of the stack's environment with another purpose (alias
   * `alias/<platform>-<env>-<purpose>`) that another stack creates, named by its alias.
   */
  static fromPurpose(scope: Construct, purpose: string): IPlatformKey {
    return PlatformKeyReference.ofPurpose(scope, purpose);
  }

  /**
   * A key of the stack's account and region named by its alias, such as a PlatformKey of a stack
   * of one's own (`key.aliasName`), for constructs that take an IPlatformKey (SageMakerJobRoles).
   */
  static fromAlias(scope: Construct, aliasName: string): IPlatformKey {
    return PlatformKeyReference.ofAlias(scope, aliasName);
  }

  /**
   * A key another stack owns, named by its ARN: for arguments that take a key ARN and no alias
   * (a Lambda function's `kms_key_arn`, a log group's `kms_key_id`), with the ARN passed in, for
   * example from the foundation stack's outputs through a stack input.
   */
  static fromKeyArn(keyArn: string, aliasName: string): IKey {
    return new ImportedKey(keyArn, aliasName);
  }

  readonly keyArn: string;
  readonly keyId: string;
  readonly aliasName: string;
  readonly resource: KmsKey;
  /** The key policy statements, exposed so tests and callers can inspect them. */
  readonly policyStatements: readonly PolicyStatement[];
  private readonly grants: KeyArnGrants;

  constructor(scope: Construct, id: string, props: PlatformKeyProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    const deletionWindowDays = props.deletionWindowDays ?? 30;
    if (
      !Token.isUnresolved(deletionWindowDays) &&
      (deletionWindowDays < 7 || deletionWindowDays > 30 || !Number.isInteger(deletionWindowDays))
    ) {
      throw new Error(
        `PlatformKey ${this.node.path}: deletionWindowDays is ${deletionWindowDays}; KMS allows whole days from 7 to 30.`,
      );
    }
    const downstream = [...new Set(props.downstreamAccountIds ?? [])];
    const invalid = downstream.filter(
      (account) =>
        !Token.isUnresolved(account) && (!/^\d{12}$/.test(account) || account === stack.accountId),
    );
    if (invalid.length > 0) {
      throw new Error(
        `PlatformKey ${this.node.path}: downstreamAccountIds ${JSON.stringify(invalid)} must be 12-digit IDs of other accounts than ${stack.accountId}.`,
      );
    }

    this.policyStatements = [
      {
        Sid: 'AccountAdministersKeyThroughIam',
        Effect: 'Allow',
        Principal: { AWS: accountRootArn(stack.accountId) },
        Action: 'kms:*',
        Resource: '*',
      },
      ...(props.allowCloudWatchLogs === false
        ? []
        : [
            {
              Sid: 'CloudWatchLogsOfThisAccount',
              Effect: 'Allow',
              Principal: { Service: `logs.${stack.region}.amazonaws.com` },
              Action: LOGS_ACTIONS,
              Resource: '*',
              Condition: {
                ArnLike: {
                  'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${stack.region}:${stack.accountId}:log-group:*`,
                },
              },
            } satisfies PolicyStatement,
          ]),
      ...(props.allowS3ServerAccessLogs
        ? [
            {
              Sid: 'S3ServerAccessLogDeliveryOfThisAccount',
              Effect: 'Allow',
              Principal: { Service: 'logging.s3.amazonaws.com' },
              Action: 'kms:GenerateDataKey',
              Resource: '*',
              Condition: { StringEquals: { 'aws:SourceAccount': stack.accountId } },
            } satisfies PolicyStatement,
          ]
        : []),
      ...(downstream.length === 0
        ? []
        : [
            {
              Sid: 'DownstreamAccountsDecryptThroughS3',
              Effect: 'Allow',
              Principal: { AWS: downstream.map(accountRootArn) },
              Action: ['kms:Decrypt', 'kms:DescribeKey'],
              Resource: '*',
              Condition: {
                StringEquals: {
                  'kms:ViaService': `s3.${stack.region}.amazonaws.com`,
                  'kms:CallerAccount': downstream,
                },
                ...(props.downstreamPrincipalArns?.length
                  ? { ArnEquals: { 'aws:PrincipalArn': [...props.downstreamPrincipalArns] } }
                  : {}),
              },
            } satisfies PolicyStatement,
          ]),
      ...(props.allowEventBridge
        ? [
            {
              Sid: 'EventBridgeOfThisAccount',
              Effect: 'Allow',
              Principal: { Service: 'events.amazonaws.com' },
              Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey'],
              Resource: '*',
              Condition: { StringEquals: { 'aws:SourceAccount': stack.accountId } },
            } satisfies PolicyStatement,
          ]
        : []),
      ...(props.allowAlarmNotifications
        ? alarmNotificationStatements(stack.accountId, stack.region)
        : []),
    ];

    this.resource = stack.protect(
      new KmsKey(this, 'Resource', {
        description: props.description,
        keyUsage: 'ENCRYPT_DECRYPT',
        customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
        enableKeyRotation: true,
        rotationPeriodInDays: 365,
        deletionWindowInDays: deletionWindowDays,
        policy: renderPolicy(this.policyStatements),
        // EventBridge connections (API destinations) only accept a customer key carrying this tag.
        tags: props.allowEventBridge ? { EventBridgeApiDestinations: 'true' } : undefined,
      }),
    );
    this.aliasName = stack.naming.kmsAlias(props.purpose);
    new KmsAlias(this, 'Alias', { name: this.aliasName, targetKeyId: this.resource.keyId });
    this.keyArn = this.resource.arn;
    this.keyId = this.resource.keyId;
    this.grants = new KeyArnGrants(this.keyArn);
  }

  statementFor(options: KeyGrantOptions): PolicyStatement {
    return this.grants.statementFor(options);
  }

  grant(grantee: IGrantable, options: KeyGrantOptions): PolicyStatement[] {
    return this.grants.grant(grantee, options);
  }

  grantEncryptDecrypt(grantee: IGrantable, sid?: string): PolicyStatement[] {
    return this.grants.grantEncryptDecrypt(grantee, sid);
  }
}

/**
 * CloudWatch alarms and AWS Budgets encrypt what they publish to an SNS topic under this key:
 * SNS needs kms:GenerateDataKey* and kms:Decrypt from the publisher. Both services send
 * aws:SourceAccount and aws:SourceArn, so each is bound to its own resources in this account.
 */
function alarmNotificationStatements(account: string, region: string): PolicyStatement[] {
  const statement = (sid: string, service: string, sourceArn: string): PolicyStatement => ({
    Sid: sid,
    Effect: 'Allow',
    Principal: { Service: service },
    Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    Resource: '*',
    Condition: {
      StringEquals: { 'aws:SourceAccount': account },
      ArnLike: { 'aws:SourceArn': sourceArn },
    },
  });
  return [
    statement(
      'CloudWatchAlarmsOfThisAccountNotify',
      'cloudwatch.amazonaws.com',
      `arn:aws:cloudwatch:${region}:${account}:alarm:*`,
    ),
    statement(
      'BudgetsOfThisAccountNotify',
      'budgets.amazonaws.com',
      `arn:aws:budgets::${account}:*`,
    ),
  ];
}

/** IKey of a key named by its ARN; the key ID is the ARN's last part, split by Terraform when the ARN is a token. */
class ImportedKey extends KeyArnGrants implements IKey {
  readonly keyArn: string;
  readonly keyId: string;

  constructor(
    arn: string,
    readonly aliasName: string,
  ) {
    super(arn);
    const keyArn = arn;
    this.keyArn = arn;
    if (
      !Token.isUnresolved(keyArn) &&
      !/^arn:aws[\w-]*:kms:[\w-]+:\d{12}:key\/[\w-]+$/.test(keyArn)
    ) {
      throw new Error(
        `PlatformKey.fromKeyArn: "${keyArn}" is not a KMS key ARN; pass arn:aws:kms:<region>:<account>:key/<key-id> (an alias ARN is not accepted where a key ARN is required)`,
      );
    }
    this.keyId = Token.isUnresolved(keyArn)
      ? Fn.element(Fn.split('/', keyArn), 1)
      : (keyArn.split('/')[1] as string);
  }
}
