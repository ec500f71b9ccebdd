/**
 * The action lists of the project orchestration, each checked against the IAM catalogue by the
 * policy gate (iam-actions-exist).
 */

/**
 * What the project reader calls, all reads. The catalogue lists no resource type for them
 * (Resource "*" only); `datazone:domainId` ("the domain ID passed in the request") keeps them on
 * the platform's domain.
 */
export const DATAZONE_READ_ACTIONS = [
  'datazone:GetProject',
  'datazone:GetProjectProfile',
  'datazone:ListEnvironments',
  'datazone:GetEnvironment',
] as const;

export const SECRET_READ_ACTIONS = ['secretsmanager:GetSecretValue'] as const;

export const START_EXECUTION_ACTIONS = ['states:StartExecution'] as const;

/** Step Functions' own data (definition, execution input and history) under the platform key. */
export const STATE_MACHINE_KEY_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey'] as const;

/**
 * Vended log delivery of Step Functions to CloudWatch Logs: the API takes no resource ARN, so
 * Resource "*" (Step Functions developer guide, "IAM policies for logging to CloudWatch Logs").
 */
export const STATE_MACHINE_LOG_DELIVERY_ACTIONS = [
  'logs:CreateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:DescribeLogGroups',
  'logs:DescribeResourcePolicies',
  'logs:GetLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:UpdateLogDelivery',
] as const;

/** X-Ray has no resource-level permissions. */
export const XRAY_WRITE_ACTIONS = [
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'xray:PutTelemetryRecords',
  'xray:PutTraceSegments',
] as const;

export const PUBLISH_ACTIONS = ['sns:Publish'] as const;
