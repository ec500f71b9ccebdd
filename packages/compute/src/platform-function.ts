import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { ConstructEnvironment, type PolicyStatement } from '@genai-sandbox/core';
import { PlatformLogGroup } from '@genai-sandbox/observability';
import { type IGrantable, type IKey, ServiceRole } from '@genai-sandbox/security';
import { Construct } from 'constructs';
import { FunctionCode } from './function-code';
import { FUNCTION_HANDLER, FUNCTION_RUNTIME, type FunctionSource } from './function-bundle';
import {
  DEAD_LETTER_ACTIONS,
  FUNCTION_KEY_ACTIONS,
  FUNCTION_LOG_ACTIONS,
  INVOKE_FUNCTION_ACTIONS,
  VPC_CREATE_INTERFACE_ACTIONS,
  VPC_DESCRIBE_ACTIONS,
  VPC_MANAGE_INTERFACE_ACTIONS,
  XRAY_WRITE_ACTIONS,
} from './perms';
import { functionPropProblems } from './platform-function-validation';

export interface FunctionVpcProps {
  /** Private subnets of the foundation VPC. */
  readonly subnetIds: readonly string[];
  /** Security groups that allow only what the function calls. */
  readonly securityGroupIds: readonly string[];
}

export interface PlatformFunctionProps {
  /** Purpose, the last part of the names `<platform>-<env>[-<project>]-<purpose>`. */
  readonly purpose: string;
  /** What the function does, shown in the Lambda console. */
  readonly description: string;
  /** The handler, from the functions package: `functionSource('inference-router')`. */
  readonly source: FunctionSource;
  /** The platform key: environment variables, log group and dead-letter queue. */
  readonly encryptionKey: IKey;
  /** Settings for the handler, encrypted with the key. @default - none */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default 512 */
  readonly memorySizeMb?: number;
  /** @default 30 */
  readonly timeoutSeconds?: number;
  /** Concurrency kept for this function, which also caps it; 0 stops it. @default - unreserved */
  readonly reservedConcurrency?: number;
  /** @default - the environment's `logRetentionDays` (PlatformLogGroup) */
  readonly logRetentionDays?: number;
  /** Runs the function in these subnets. @default - outside any VPC */
  readonly vpc?: FunctionVpcProps;
}

/**
 * A Lambda function deployed the secure way by default: its own role (permissions boundary,
 * only this account's Lambda may assume it) holding exactly the permissions the runtime needs,
 * a log group with retention and the platform key, environment variables encrypted with the
 * platform key, active X-Ray tracing, a KMS-encrypted dead-letter queue for asynchronous
 * invocations, and the code as a reproducible zip built at synth. Callers add what the handler
 * needs through `role` (an IGrantable) and let others call it with `grantInvoke`.
 */
export class PlatformFunction extends Construct {
  readonly functionName: string;
  readonly functionArn: string;
  readonly role: ServiceRole;
  readonly logGroup: PlatformLogGroup;
  readonly deadLetterQueue: SqsQueue;
  readonly code: FunctionCode;
  readonly resource: LambdaFunction;

  constructor(scope: Construct, id: string, props: PlatformFunctionProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    const memorySizeMb = props.memorySizeMb ?? 512;
    const timeoutSeconds = props.timeoutSeconds ?? 30;
    const logRetentionDays = props.logRetentionDays ?? stack.environment.logRetentionDays;
    const environment = props.environment ?? {};
    const problems = functionPropProblems({
      memorySizeMb,
      timeoutSeconds,
      reservedConcurrency: props.reservedConcurrency,
      logRetentionDays,
      environment,
      subnetIds: props.vpc?.subnetIds,
      securityGroupIds: props.vpc?.securityGroupIds,
    });
    if (problems.length > 0)
      throw new Error(`PlatformFunction ${this.node.path}:\n  ${problems.join('\n  ')}`);

    this.functionName = stack.naming.name('lambda-function', props.purpose);
    const arnPrefix = `arn:aws:lambda:${stack.region}:${stack.accountId}:function:`;
    this.functionArn = `${arnPrefix}${this.functionName}`;
    this.code = new FunctionCode(this, 'Code', props.source);

    this.logGroup = new PlatformLogGroup(this, 'LogGroup', {
      purpose: ['lambda', props.purpose],
      encryptionKey: props.encryptionKey,
      retentionDays: logRetentionDays,
    });
    const logGroupName = this.logGroup.logGroupName;
    this.deadLetterQueue = new SqsQueue(this, 'DeadLetterQueue', {
      name: stack.naming.name('sqs-queue', props.purpose, 'dlq'),
      kmsMasterKeyId: props.encryptionKey.keyArn,
      kmsDataKeyReusePeriodSeconds: 300,
      messageRetentionSeconds: 14 * 24 * 3600,
    });

    const logStreams = `arn:aws:logs:${stack.region}:${stack.accountId}:log-group:${logGroupName}:*`;
    this.role = new ServiceRole(this, 'Role', {
      purpose: props.purpose,
      description: `Runs the ${this.functionName} function: ${props.description}`,
      service: 'lambda.amazonaws.com',
      statements: [
        {
          Sid: 'WriteOwnLogs',
          Effect: 'Allow',
          Action: [...FUNCTION_LOG_ACTIONS],
          Resource: logStreams,
        },
        { Sid: 'WriteTraces', Effect: 'Allow', Action: [...XRAY_WRITE_ACTIONS], Resource: '*' },
        {
          Sid: 'UsePlatformKey',
          Effect: 'Allow',
          Action: [...FUNCTION_KEY_ACTIONS],
          Resource: props.encryptionKey.keyArn,
        },
        {
          Sid: 'SendFailedEvents',
          Effect: 'Allow',
          Action: [...DEAD_LETTER_ACTIONS],
          Resource: this.deadLetterQueue.arn,
        },
        ...(props.vpc ? vpcStatements(stack, props.vpc) : []),
      ],
    });

    this.resource = new LambdaFunction(this, 'Resource', {
      functionName: this.functionName,
      description: props.description,
      role: this.role.roleArn,
      runtime: FUNCTION_RUNTIME,
      handler: FUNCTION_HANDLER,
      architectures: ['arm64'],
      filename: this.code.filename,
      sourceCodeHash: this.code.sourceCodeHash,
      memorySize: memorySizeMb,
      timeout: timeoutSeconds,
      reservedConcurrentExecutions: props.reservedConcurrency,
      kmsKeyArn: props.encryptionKey.keyArn,
      ...(Object.keys(environment).length > 0 && {
        environment: { variables: { ...environment } },
      }),
      tracingConfig: { mode: 'Active' },
      deadLetterConfig: { targetArn: this.deadLetterQueue.arn },
      loggingConfig: {
        logFormat: 'JSON',
        logGroup: this.logGroup.resource.name,
        applicationLogLevel: 'INFO',
        systemLogLevel: 'WARN',
      },
      ...(props.vpc && {
        vpcConfig: {
          subnetIds: [...props.vpc.subnetIds],
          securityGroupIds: [...props.vpc.securityGroupIds],
        },
      }),
      // Lambda checks the role (network interfaces, key) when it creates the function, and the
      // first invocation writes to the log group.
      dependsOn: [this.role.policy, this.logGroup.resource],
    });
  }

  /** Lets `grantee` invoke this function (any version or alias). Returns the statement added. */
  grantInvoke(grantee: IGrantable): PolicyStatement {
    const statement: PolicyStatement = {
      Effect: 'Allow',
      Action: [...INVOKE_FUNCTION_ACTIONS],
      Resource: [this.functionArn, `${this.functionArn}:*`],
    };
    grantee.addToPolicy(statement);
    return statement;
  }

  /**
   * Lets one AWS service invoke the function on behalf of one source (the function's resource
   * policy): API Gateway with the `execute-api` ARN of its routes, EventBridge with a rule ARN.
   * Those ARNs name this account; `source_account` is left out because not every service sends
   * aws:SourceAccount to Lambda, and a permission whose condition key is missing never matches.
   */
  allowInvokeFrom(id: string, service: string, sourceArn: string): LambdaPermission {
    return new LambdaPermission(this, id, {
      action: INVOKE_FUNCTION_ACTIONS[0],
      functionName: this.resource.functionName,
      principal: service,
      sourceArn,
    });
  }

  /** Adds a statement to the function's role: exactly what the handler calls. */
  addToRolePolicy(statement: PolicyStatement): boolean {
    return this.role.addToPolicy(statement);
  }
}

function vpcStatements(stack: ConstructEnvironment, vpc: FunctionVpcProps): PolicyStatement[] {
  const ec2 = `arn:aws:ec2:${stack.region}:${stack.accountId}`;
  return [
    {
      Sid: 'CreateInterfacesInGivenSubnets',
      Effect: 'Allow',
      Action: [...VPC_CREATE_INTERFACE_ACTIONS],
      Resource: [
        `${ec2}:network-interface/*`,
        ...vpc.subnetIds.map((id) => `${ec2}:subnet/${id}`),
        ...vpc.securityGroupIds.map((id) => `${ec2}:security-group/${id}`),
      ],
    },
    {
      Sid: 'ManageInterfaces',
      Effect: 'Allow',
      Action: [...VPC_MANAGE_INTERFACE_ACTIONS],
      Resource: `${ec2}:network-interface/*`,
    },
    { Sid: 'DescribeNetwork', Effect: 'Allow', Action: [...VPC_DESCRIBE_ACTIONS], Resource: '*' },
  ];
}
