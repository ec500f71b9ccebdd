/** Action lists of Lambda functions and their callers, kept in one place. */

/** What the runtime needs to write the function's logs into the group PlatformFunction creates. */
export const FUNCTION_LOG_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'] as const;

/** Active tracing; X-Ray supports no resource-level permissions for these. */
export const XRAY_WRITE_ACTIONS = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'] as const;

/**
 * The platform key, for decrypting the environment at cold start and for sending to the
 * KMS-encrypted dead-letter queue (SQS asks for a data key).
 */
export const FUNCTION_KEY_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey'] as const;

export const DEAD_LETTER_ACTIONS = ['sqs:SendMessage'] as const;

/**
 * Lambda creates and deletes the function's network interfaces with the execution role
 * (AWSLambdaVPCAccessExecutionRole holds the same actions). CreateNetworkInterface is narrowed to
 * the given subnets and security groups; the describes support only "*".
 */
export const VPC_CREATE_INTERFACE_ACTIONS = ['ec2:CreateNetworkInterface'] as const;
export const VPC_MANAGE_INTERFACE_ACTIONS = [
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
] as const;
export const VPC_DESCRIBE_ACTIONS = [
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
] as const;

export const INVOKE_FUNCTION_ACTIONS = ['lambda:InvokeFunction'] as const;

/** The inference router's calls (Converse is authorized by bedrock:InvokeModel). */
export const SAGEMAKER_INVOKE_ACTIONS = ['sagemaker:InvokeEndpoint'] as const;
/** Queueing a request on an asynchronous endpoint (its input already in S3). */
export const SAGEMAKER_INVOKE_ASYNC_ACTIONS = ['sagemaker:InvokeEndpointAsync'] as const;
export const BEDROCK_INVOKE_ACTIONS = ['bedrock:InvokeModel'] as const;
export const BEDROCK_GUARDRAIL_ACTIONS = ['bedrock:ApplyGuardrail'] as const;
