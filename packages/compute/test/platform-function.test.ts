import { onlyResourceOfType, synthesize, testStack } from '@genai-sandbox/core/testing';
import { functionSource, type RoutingSetting } from '@genai-sandbox/functions';
import { PlatformKey, ServiceRole } from '@genai-sandbox/security';
import { Token } from 'cdktf';
import {
  FunctionInvocation,
  grantInferenceTargets,
  PlatformFunction,
  type PlatformFunctionProps,
} from '../src';

const KEY = PlatformKey.fromKeyArn(
  'arn:aws:kms:eu-west-1:111111111111:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
  'alias/genai-dev-platform',
);

function functionIn(props: Partial<PlatformFunctionProps> = {}) {
  const stack = testStack({ project: 'fraud-detection' });
  const fn = new PlatformFunction(stack, 'Router', {
    purpose: 'inference-router',
    description: 'Routes inference requests',
    source: functionSource('inference-router'),
    encryptionKey: KEY,
    environment: { INFERENCE_ROUTING: '{}' },
    ...props,
  });
  return { stack, fn };
}
const policyOf = (json: ReturnType<typeof synthesize>, name: string) =>
  JSON.parse(
    Object.values(json.resource?.aws_iam_role_policy ?? {}).find((policy) => policy.name === name)
      ?.policy as string,
  );

describe('PlatformFunction', () => {
  it('deploys the bundled zip on Node.js 20 with tracing, encrypted environment, DLQ and its own log group', () => {
    const { stack, fn } = functionIn({ reservedConcurrency: 5 });
    const json = synthesize(stack);
    const lambda = onlyResourceOfType(json, 'aws_lambda_function');
    expect(lambda).toMatchObject({
      function_name: 'genai-dev-fraud-detection-inference-router',
      runtime: 'nodejs20.x',
      handler: 'index.handler',
      architectures: ['arm64'],
      filename: `assets/functions/${fn.code.bundle.fileName}`,
      source_code_hash: fn.code.bundle.sha256,
      memory_size: 512,
      timeout: 30,
      reserved_concurrent_executions: 5,
      kms_key_arn: KEY.keyArn,
      environment: { variables: { INFERENCE_ROUTING: '{}' } },
      tracing_config: { mode: 'Active' },
      dead_letter_config: { target_arn: '${aws_sqs_queue.Router_DeadLetterQueue_B2F7A569.arn}' },
      logging_config: {
        log_format: 'JSON',
        log_group: '${aws_cloudwatch_log_group.Router_LogGroup_2502AF6F.name}',
      },
    });
    expect(lambda.vpc_config).toBeUndefined();
    expect(onlyResourceOfType(json, 'aws_cloudwatch_log_group')).toEqual({
      name: '/genai/dev/fraud-detection/lambda/inference-router',
      retention_in_days: 365,
      kms_key_id: KEY.keyArn,
    });
    expect(onlyResourceOfType(json, 'aws_sqs_queue')).toMatchObject({
      name: 'genai-dev-fraud-detection-inference-router-dlq',
      kms_master_key_id: KEY.keyArn,
    });
    expect(onlyResourceOfType(json, 'aws_iam_role')).toMatchObject({
      name: 'genai-dev-fraud-detection-inference-router',
      permissions_boundary: 'arn:aws:iam::111111111111:policy/genai-dev-permissions-boundary',
    });
  });

  it('gives its role only its logs, traces, key and dead-letter queue', () => {
    const { stack } = functionIn();
    expect(policyOf(synthesize(stack), 'inference-router').Statement).toEqual([
      {
        Sid: 'WriteOwnLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource:
          'arn:aws:logs:eu-west-1:111111111111:log-group:/genai/dev/fraud-detection/lambda/inference-router:*',
      },
      {
        Sid: 'WriteTraces',
        Effect: 'Allow',
        Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
        Resource: '*',
      },
      {
        Sid: 'UsePlatformKey',
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: KEY.keyArn,
      },
      {
        Sid: 'SendFailedEvents',
        Effect: 'Allow',
        Action: ['sqs:SendMessage'],
        Resource: '${aws_sqs_queue.Router_DeadLetterQueue_B2F7A569.arn}',
      },
    ]);
  });

  it('attaches to the VPC and lets Lambda create interfaces only in the given subnets and groups', () => {
    const { stack } = functionIn({
      vpc: { subnetIds: ['subnet-0abc12345def67890'], securityGroupIds: ['sg-0abc12345def67890'] },
    });
    const json = synthesize(stack);
    expect(onlyResourceOfType(json, 'aws_lambda_function').vpc_config).toEqual({
      subnet_ids: ['subnet-0abc12345def67890'],
      security_group_ids: ['sg-0abc12345def67890'],
    });
    expect(policyOf(json, 'inference-router').Statement.slice(4)).toEqual([
      {
        Sid: 'CreateInterfacesInGivenSubnets',
        Effect: 'Allow',
        Action: ['ec2:CreateNetworkInterface'],
        Resource: [
          'arn:aws:ec2:eu-west-1:111111111111:network-interface/*',
          'arn:aws:ec2:eu-west-1:111111111111:subnet/subnet-0abc12345def67890',
          'arn:aws:ec2:eu-west-1:111111111111:security-group/sg-0abc12345def67890',
        ],
      },
      {
        Sid: 'ManageInterfaces',
        Effect: 'Allow',
        Action: [
          'ec2:DeleteNetworkInterface',
          'ec2:AssignPrivateIpAddresses',
          'ec2:UnassignPrivateIpAddresses',
        ],
        Resource: 'arn:aws:ec2:eu-west-1:111111111111:network-interface/*',
      },
      {
        Sid: 'DescribeNetwork',
        Effect: 'Allow',
        Action: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets'],
        Resource: '*',
      },
    ]);
  });

  it('lets a grantee invoke it, and the caller add exactly what the handler needs', () => {
    const { stack, fn } = functionIn();
    const caller = new ServiceRole(stack, 'Caller', {
      purpose: 'caller',
      description: 'Calls the router',
      service: 'apigateway.amazonaws.com',
    });
    expect(fn.grantInvoke(caller)).toEqual({
      Effect: 'Allow',
      Action: ['lambda:InvokeFunction'],
      Resource: [
        'arn:aws:lambda:eu-west-1:111111111111:function:genai-dev-fraud-detection-inference-router',
        'arn:aws:lambda:eu-west-1:111111111111:function:genai-dev-fraud-detection-inference-router:*',
      ],
    });
    const setting: RoutingSetting = {
      defaultRoute: 'realtime',
      routes: {
        realtime: { kind: 'sagemaker-endpoint', endpointName: 'genai-dev-Fraud-Realtime' },
        assistant: {
          kind: 'bedrock-model',
          modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
          guardrail: { identifier: 'abc123def456', version: '2' },
        },
        profile: {
          kind: 'bedrock-model',
          modelId: 'eu.anthropic.claude-3-haiku-20240307-v1:0',
          guardrail: { identifier: 'abc123def456', version: '2' },
        },
      },
    };
    expect(grantInferenceTargets(stack, fn.role, setting)).toEqual([
      {
        Sid: 'InvokeRoutedEndpoints',
        Effect: 'Allow',
        Action: ['sagemaker:InvokeEndpoint'],
        Resource: ['arn:aws:sagemaker:eu-west-1:111111111111:endpoint/genai-dev-fraud-realtime'],
      },
      {
        Sid: 'InvokeRoutedModels',
        Effect: 'Allow',
        Action: ['bedrock:InvokeModel'],
        Resource: [
          'arn:aws:bedrock:*::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
          'arn:aws:bedrock:eu-west-1:111111111111:inference-profile/eu.anthropic.claude-3-haiku-20240307-v1:0',
          'arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
        ],
        Condition: {
          StringEquals: {
            'bedrock:GuardrailIdentifier':
              'arn:aws:bedrock:eu-west-1:111111111111:guardrail/abc123def456:2',
          },
        },
      },
      {
        Sid: 'ApplyRoutedGuardrails',
        Effect: 'Allow',
        Action: ['bedrock:ApplyGuardrail'],
        Resource: ['arn:aws:bedrock:eu-west-1:111111111111:guardrail/abc123def456'],
      },
    ]);
    expect(fn.role.policyStatements.map((statement) => statement.Sid)).toContain(
      'InvokeRoutedModels',
    );
  });

  it('fails when a Bedrock route has no guardrail', () => {
    const { stack, fn } = functionIn();
    expect(() =>
      grantInferenceTargets(stack, fn.role, {
        defaultRoute: 'chat',
        routes: {
          chat: { kind: 'bedrock-model', modelId: 'anthropic.claude-3-haiku-20240307-v1:0' },
        },
      }),
    ).toThrow(
      /Bedrock routes chat \(anthropic\.claude-3-haiku-20240307-v1:0\) have no guardrail; .* Add guardrail: \{ identifier, version \}/,
    );
  });

  it('lets one service invoke it for one source', () => {
    const { stack, fn } = functionIn();
    fn.allowInvokeFrom(
      'ApiInvoke',
      'apigateway.amazonaws.com',
      'arn:aws:execute-api:eu-west-1:111111111111:abc123/*/POST/realtime',
    );
    expect(onlyResourceOfType(synthesize(stack), 'aws_lambda_permission')).toEqual({
      action: 'lambda:InvokeFunction',
      function_name: '${aws_lambda_function.Router_16807C72.function_name}',
      principal: 'apigateway.amazonaws.com',
      source_arn: 'arn:aws:execute-api:eu-west-1:111111111111:abc123/*/POST/realtime',
    });
  });

  it('fails when props are out of range, with every problem at once', () => {
    expect(() =>
      functionIn({
        memorySizeMb: 64,
        timeoutSeconds: 901,
        reservedConcurrency: -1,
        logRetentionDays: 10,
        environment: { AWS_REGION: 'x', '1bad': 'y' },
        vpc: { subnetIds: [], securityGroupIds: ['default'] },
      }),
    ).toThrow(
      [
        'PlatformFunction test-fraud-detection-dev/Router:',
        '  memorySizeMb is 64; Lambda allows whole megabytes from 128 to 10240',
        '  timeoutSeconds is 901; Lambda allows whole seconds from 1 to 900',
        '  reservedConcurrency is -1; give a whole number >= 0 (0 stops the function), or leave it out for unreserved concurrency',
        '  logRetentionDays is 10; CloudWatch Logs accepts 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653',
        '  environment variable "AWS_REGION" is reserved by the Lambda runtime; choose another name',
        '  environment variable "1bad" is not a valid name; use letters, digits and _, starting with a letter',
        '  vpc.subnetIds is empty; give the private subnets of the foundation VPC',
        '  vpc.securityGroupIds has "default"; expected a security group ID such as sg-0abc12345def67890',
      ].join('\n'),
    );
  });

  it('fails when the environment is over 4 KB', () => {
    expect(() => functionIn({ environment: { BIG: 'x'.repeat(4100) } })).toThrow(
      /environment holds 4103 bytes; Lambda allows 4096/,
    );
  });

  it('skips values known only at deploy time', () => {
    const token = Token.asNumber({ Ref: 'memory' });
    expect(() =>
      functionIn({
        memorySizeMb: token,
        timeoutSeconds: token,
        reservedConcurrency: token,
        environment: { BIG: Token.asString({ Ref: 'x' }) },
        vpc: {
          subnetIds: [Token.asString({ Ref: 's' })],
          securityGroupIds: [Token.asString({ Ref: 'g' })],
        },
      }),
    ).not.toThrow();
  });
});

describe('FunctionInvocation', () => {
  it('invokes the function on create, update and delete with the tf key', () => {
    const { stack, fn } = functionIn();
    new FunctionInvocation(stack, 'CreateIndex', { function: fn, input: { indexName: 'kb' } });
    expect(onlyResourceOfType(synthesize(stack), 'aws_lambda_invocation')).toEqual({
      function_name: '${aws_lambda_function.Router_16807C72.function_name}',
      input: '{"indexName":"kb"}',
      lifecycle_scope: 'CRUD',
      terraform_key: 'tf',
    });
  });

  it('fails when the input uses the tf key', () => {
    const { stack, fn } = functionIn();
    expect(() => new FunctionInvocation(stack, 'Bad', { function: fn, input: { tf: 1 } })).toThrow(
      /input has the key "tf"/,
    );
  });
});
