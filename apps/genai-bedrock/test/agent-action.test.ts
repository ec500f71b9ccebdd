import { AGENT_FUNCTIONS } from '@genai-sandbox/functions';
import {
  evaluateIam,
  onlyResourceOfType,
  resourcePolicyAllows,
  resourcesOfType,
  synthesize,
  testConfiguration,
} from '@genai-sandbox/core/testing';
import { Testing } from 'cdktf';
import { GenaiBedrockStack } from '../src';

/** The AmazonBedrockFunction trio, the action group on it, and the ingestion failure alarm. */

const config = testConfiguration();
function synthStack(environmentName = 'dev') {
  const environment = config.environments.find((candidate) => candidate.name === environmentName);
  const project = environment?.projects.find((candidate) => candidate.name === 'fraud-detection');
  if (!environment || !project) throw new Error(`no fraud-detection in ${environmentName}`);
  return synthesize(new GenaiBedrockStack(Testing.app(), { config, environment, project }));
}
type Json = ReturnType<typeof synthesize>;
const idOf = (json: Json, type: string, prefix: string) => {
  const ids = Object.keys(resourcesOfType(json, type)).filter((id) => id.startsWith(prefix));
  expect(ids).toHaveLength(1);
  return ids[0] as string;
};
const policyOf = (json: Json, prefix: string) =>
  resourcesOfType(json, 'aws_iam_role_policy')[idOf(json, 'aws_iam_role_policy', prefix)]
    ?.policy as string;

describe('agent action function', () => {
  const json = synthStack();
  const fnId = idOf(json, 'aws_lambda_function', 'AgentAction_Function');
  const roleArn = `\${aws_iam_role.${idOf(json, 'aws_iam_role', 'AgentAction_Function_Role')}.arn}`;
  const secretId = idOf(json, 'aws_secretsmanager_secret', 'AgentAction_Secret');
  const secretArn = `\${aws_secretsmanager_secret.${secretId}.arn}`;
  const agentArn = `\${aws_bedrockagent_agent.${idOf(json, 'aws_bedrockagent_agent', 'Agent')}.agent_arn}`;

  it('lets only this agent invoke the function: Bedrock with the agent ARN as source', () => {
    expect(onlyResourceOfType(json, 'aws_lambda_permission')).toEqual(
      expect.objectContaining({
        action: 'lambda:InvokeFunction',
        function_name: `\${aws_lambda_function.${fnId}.function_name}`,
        principal: 'bedrock.amazonaws.com',
        source_arn: agentArn,
      }),
    );
  });

  it('runs the agent-action-group handler with the secret named and the platform key by ARN', () => {
    expect(resourcesOfType(json, 'aws_lambda_function')[fnId]).toMatchObject({
      function_name: 'genai-dev-fraud-detection-agent-action',
      kms_key_arn: '${var.platform_key_arn}',
      environment: { variables: { API_SECRET_ID: secretArn } },
      tracing_config: { mode: 'Active' },
      reserved_concurrent_executions: 10,
    });
    expect((json as { variable?: object }).variable).toHaveProperty('platform_key_arn');
  });

  it('keeps the secret value out of Terraform and encrypts the secret with the platform key', () => {
    expect(resourcesOfType(json, 'aws_secretsmanager_secret_version')).toEqual({});
    expect(resourcesOfType(json, 'aws_secretsmanager_secret_rotation')).toEqual({});
    expect(onlyResourceOfType(json, 'aws_secretsmanager_secret')).toMatchObject({
      name: 'genai-dev-fraud-detection/agent-api',
      kms_key_id: '${var.platform_key_arn}',
      recovery_window_in_days: 0,
    });
  });

  it('keeps a production secret recoverable and protected from destroy', () => {
    const prod = synthStack('prod');
    expect(onlyResourceOfType(prod, 'aws_secretsmanager_secret')).toMatchObject({
      recovery_window_in_days: 30,
      lifecycle: { prevent_destroy: true },
    });
  });

  it('lets only the function role read the secret value', () => {
    const secretPolicy = onlyResourceOfType(json, 'aws_secretsmanager_secret_policy');
    expect(secretPolicy).toMatchObject({ secret_arn: secretArn, block_public_policy: true });
    const read = (principalArn: string) =>
      resourcePolicyAllows(secretPolicy.policy as string, {
        action: 'secretsmanager:GetSecretValue',
        resource: secretArn,
        principalArn,
        context: { 'aws:PrincipalArn': principalArn },
      });
    expect(read(roleArn)).toBe('implicit-deny'); // not denied: its role policy allows it
    expect(read('arn:aws:iam::111111111111:role/genai-dev-github-deploy')).toBe('explicit-deny');
    expect(read('arn:aws:iam::111111111111:role/Admin')).toBe('explicit-deny');

    const functionPolicy = policyOf(json, 'AgentAction_Function_Role');
    const request = { action: 'secretsmanager:GetSecretValue', resource: secretArn };
    expect(evaluateIam({ identity: [functionPolicy] }, request)).toBe('allow');
    // No other role of the stack may read it, even before the secret policy's deny.
    const others = Object.entries(resourcesOfType(json, 'aws_iam_role_policy'))
      .filter(([id]) => !id.startsWith('AgentAction_Function_Role'))
      .map(([, policy]) => policy.policy as string);
    for (const policy of others) {
      expect(evaluateIam({ identity: [policy] }, request)).not.toBe('allow');
    }
  });

  it('gives the agent an action group with the function schema the handler answers', () => {
    const fn = AGENT_FUNCTIONS.lookupRecord;
    expect(onlyResourceOfType(json, 'aws_bedrockagent_agent_action_group')).toMatchObject({
      action_group_name: 'external-lookup',
      agent_version: 'DRAFT',
      action_group_state: 'ENABLED',
      action_group_executor: [{ lambda: `\${aws_lambda_function.${fnId}.arn}` }],
      function_schema: [
        {
          member_functions: [
            {
              functions: [
                {
                  name: 'lookup_record',
                  description: fn.description,
                  parameters: [
                    {
                      map_block_key: 'record_id',
                      type: 'string',
                      description: fn.parameters.record_id.description,
                      required: true,
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it('creates the action group after the invoke permission, and the alias after the action group', () => {
    const group = onlyResourceOfType(json, 'aws_bedrockagent_agent_action_group');
    const permission = `aws_lambda_permission.${idOf(json, 'aws_lambda_permission', 'AgentAction')}`;
    expect(group.depends_on).toEqual(expect.arrayContaining([permission]));
    const groupAddress = `aws_bedrockagent_agent_action_group.${idOf(json, 'aws_bedrockagent_agent_action_group', 'Agent')}`;
    expect(onlyResourceOfType(json, 'aws_bedrockagent_agent_alias').depends_on).toEqual(
      expect.arrayContaining([groupAddress]),
    );
  });

  it('alarms on errors and throttles of the function', () => {
    const alarms = Object.values(resourcesOfType(json, 'aws_cloudwatch_metric_alarm')).filter(
      (alarm) =>
        (alarm.dimensions as Record<string, string> | undefined)?.FunctionName ===
        'genai-dev-fraud-detection-agent-action',
    );
    expect(alarms.map((alarm) => alarm.metric_name).sort()).toEqual(['Errors', 'Throttles']);
  });
});

describe('ingestion failures', () => {
  const json = synthStack();

  it('sends failed scheduled starts to an encrypted dead-letter queue whose alarm notifies the alarm topic', () => {
    const queueId = idOf(json, 'aws_sqs_queue', 'Ingestion_DeadLetterQueue');
    const queue = resourcesOfType(json, 'aws_sqs_queue')[queueId];
    expect(queue).toMatchObject({
      name: 'genai-dev-fraud-detection-kb-ingestion-dlq',
      kms_master_key_id: '${var.platform_key_arn}',
    });
    expect(onlyResourceOfType(json, 'aws_scheduler_schedule')).toMatchObject({
      target: { dead_letter_config: { arn: `\${aws_sqs_queue.${queueId}.arn}` } },
    });
    const alarm = Object.values(resourcesOfType(json, 'aws_cloudwatch_metric_alarm')).find(
      (candidate) =>
        (candidate.dimensions as Record<string, string> | undefined)?.QueueName ===
        'genai-dev-fraud-detection-kb-ingestion-dlq',
    );
    expect(alarm).toMatchObject({
      namespace: 'AWS/SQS',
      metric_name: 'ApproximateNumberOfMessagesVisible',
      alarm_actions: ['arn:aws:sns:eu-west-1:111111111111:genai-dev-alarms'],
    });
  });
});
