import {
  evaluateIam,
  resourcesOfType,
  synthesize,
  testConfiguration,
} from '@genai-sandbox/core/testing';
import { Testing } from 'cdktf';
import { READ_SCOPES } from '@genai-sandbox/security';
import { BootstrapStack } from '../src';

/**
 * What pull requests can read through the plan role, evaluated the way IAM does (identity
 * policies and the permissions boundary, explicit denies winning): what the platform's stacks
 * manage, for Terraform's refresh, and not other teams' resources or run-time data.
 */
const config = testConfiguration();
const environment = config.environments.find((candidate) => candidate.name === 'dev');
if (!environment) throw new Error('no dev');
const json = synthesize(new BootstrapStack(Testing.app(), { config, environment }));

const ACCOUNT = '111111111111';
const PLAN = `arn:aws:iam::${ACCOUNT}:role/genai-dev-github-plan`;
const STATE_KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/0b7e1b9c-state`;
const resolve = (document: unknown) =>
  String(document).replace(/\$\{aws_kms_key\.StateKey_[A-Z0-9]+\.arn\}/g, STATE_KEY);

const policies = resourcesOfType(json, 'aws_iam_policy');
const boundary = resolve(
  Object.values(policies).find((policy) => policy.name === 'genai-dev-permissions-boundary')
    ?.policy,
);
const [planLogical] =
  Object.entries(resourcesOfType(json, 'aws_iam_role')).find(
    ([, role]) => role.name === 'genai-dev-github-plan',
  ) ?? [];
const ofPlan = (resource: Record<string, unknown>) =>
  resource.role === `\${aws_iam_role.${planLogical}.name}`;
const attached = new Set(
  Object.values(resourcesOfType(json, 'aws_iam_role_policy_attachment'))
    .filter(ofPlan)
    .map((attachment) => attachment.policy_arn),
);
const identity = [
  ...Object.values(resourcesOfType(json, 'aws_iam_role_policy')).filter(ofPlan),
  ...Object.entries(policies)
    .filter(([logical]) => attached.has(`\${aws_iam_policy.${logical}.arn}`))
    .map(([, policy]) => policy),
].map((policy) => resolve(policy.policy));

const plan = (action: string, resource: string) =>
  evaluateIam(
    { identity, boundary },
    {
      action,
      resource,
      principalArn: PLAN,
      context: { 'aws:RequestedRegion': 'eu-west-1', 'aws:PrincipalArn': PLAN },
    },
  );
const arn = (service: string, resource: string) =>
  `arn:aws:${service}:eu-west-1:${ACCOUNT}:${resource}`;

describe('the plan role (pull requests)', () => {
  it('carries the two read-only policies', () => {
    expect(identity).toHaveLength(3);
  });

  it.each([
    ['iam:GetRole', `arn:aws:iam::${ACCOUNT}:role/genai-dev-fraud-detection-training`],
    ['iam:GetPolicyVersion', `arn:aws:iam::${ACCOUNT}:policy/genai-dev-fraud-detection-training`],
    ['s3:GetBucketPolicy', 'arn:aws:s3:::genai-dev-fraud-detection-ml-111111111111'],
    ['s3:GetObject', 'arn:aws:s3:::genai-dev-fraud-detection-ml-111111111111/data/raw/'],
    ['kms:GetKeyPolicy', arn('kms', 'key/1234abcd')],
    ['logs:ListTagsForResource', arn('logs', 'log-group:/genai/dev/vpc/flow-logs')],
    ['sagemaker:DescribePipeline', arn('sagemaker', 'pipeline/genai-dev-fraud-detection-training')],
    [
      'sagemaker:DescribeMlflowTrackingServer',
      arn('sagemaker', 'mlflow-tracking-server/genai-dev-fraud-detection-mlflow'),
    ],
    [
      'sagemaker:DescribeModelPackageGroup',
      arn('sagemaker', 'model-package-group/genai-llm-finetuned'),
    ],
    [
      'sagemaker:GetModelPackageGroupPolicy',
      arn('sagemaker', 'model-package-group/genai-llm-finetuned'),
    ],
    ['glue:GetDatabase', arn('glue', 'database/genai_dev_fraud_detection_features')],
    ['glue:GetCrawler', arn('glue', 'crawler/genai-dev-fraud-detection-features')],
    ['glue:GetSecurityConfiguration', '*'],
    ['athena:GetWorkGroup', arn('athena', 'workgroup/genai-dev-fraud-detection-preprocessing')],
    ['ecr:GetRepositoryPolicy', arn('ecr', 'repository/genai-dev-genai-llm-finetuned')],
    ['events:DescribeRule', arn('events', 'rule/genai-dev-forward-approvals')],
    ['events:ListTargetsByRule', arn('events', 'rule/genai-test-promotion/genai-dev-x')],
    ['sqs:GetQueueAttributes', arn('sqs', 'genai-dev-forward-approvals-dlq')],
    ['lambda:GetFunction', arn('lambda', 'function:genai-dev-handler')],
    ['ec2:DescribeVpcs', '*'],
    ['ec2:DescribeVpcAttribute', arn('ec2', 'vpc/vpc-0123456789abcdef0')],
    ['lakeformation:GetDataLakeSettings', '*'],
  ])('reads what Terraform refreshes: %s', (action, resource) => {
    expect(plan(action, resource)).toBe('allow');
  });

  it.each([
    ['another team role', 'iam:GetRole', `arn:aws:iam::${ACCOUNT}:role/data-team-etl`],
    ['another team bucket policy', 's3:GetBucketPolicy', 'arn:aws:s3:::data-team-raw'],
    ['another team function', 'lambda:GetFunction', arn('lambda', 'function:payments-api')],
    ['every function environment', 'lambda:ListFunctions', '*'],
    ['another team queue', 'sqs:GetQueueAttributes', arn('sqs', 'payments-events')],
    [
      'a training job definition',
      'sagemaker:DescribeTrainingJob',
      arn('sagemaker', 'training-job/pipelines-abc-train-1'),
    ],
    [
      'a training job named like the platform',
      'sagemaker:DescribeTrainingJob',
      arn('sagemaker', 'training-job/genai-dev-train'),
    ],
    [
      'a pipeline execution definition',
      'sagemaker:DescribePipelineDefinitionForExecution',
      arn('sagemaker', 'pipeline/genai-dev-fraud-detection-training/execution/x'),
    ],
    [
      'a secret value',
      'secretsmanager:GetSecretValue',
      arn('secretsmanager', 'secret:genai-dev-x-AbCdEf'),
    ],
    ['a parameter', 'ssm:GetParameter', arn('ssm', 'parameter/genai/dev/x')],
    [
      'a data object',
      's3:GetObject',
      'arn:aws:s3:::genai-dev-fraud-detection-ml-111111111111/data/raw/x.csv',
    ],
    ['instance user data', 'ec2:DescribeInstanceAttribute', arn('ec2', 'instance/i-0123')],
    [
      'a state machine execution',
      'states:DescribeExecution',
      arn('states', 'execution:genai-dev-x:1'),
    ],
    [
      'log events',
      'logs:GetLogEvents',
      arn('logs', 'log-group:/genai/dev/vpc/flow-logs:log-stream:x'),
    ],
  ])('cannot read %s', (_, action, resource) => {
    expect(plan(action, resource)).not.toBe('allow');
  });

  it('keeps "*" for one statement, of actions without resource types, and every read in one list', () => {
    const wide = identity
      .flatMap((document) => JSON.parse(document).Statement as Record<string, unknown>[])
      .filter((statement) => statement.Effect === 'Allow' && statement.Resource === '*');
    expect(wide.map((statement) => statement.Sid)).toEqual(['ReadWithoutResourceTypes']);
    expect(new Set(READ_SCOPES.map((read) => read.sid)).size).toBe(READ_SCOPES.length);
  });
});
