import type { PlatformConfiguration } from '@genai-sandbox/config';
import {
  evaluateIam,
  onlyResourceOfType,
  resourcesOfType,
  synthesize,
  testConfiguration,
} from '@genai-sandbox/core/testing';
import { Testing } from 'cdktf';
import { ModelTrainingStack, type PipelineDefinition } from '../src';

const PIPELINE_ARN =
  'arn:aws:sagemaker:eu-west-1:111111111111:pipeline/genai-dev-fraud-detection-training';
const GROUP_ARN =
  'arn:aws:scheduler:eu-west-1:111111111111:schedule-group/genai-dev-fraud-detection-training';
const ALIAS_ARN = 'arn:aws:kms:eu-west-1:111111111111:alias/genai-dev-platform';

function synthStack(config: PlatformConfiguration) {
  const environment = config.environments.find((candidate) => candidate.name === 'dev');
  const project = environment?.projects.find((candidate) => candidate.name === 'fraud-detection');
  if (!environment || !project) throw new Error('no fraud-detection in dev');
  return synthesize(new ModelTrainingStack(Testing.app(), { config, environment, project }));
}

const scheduled = (schedule: Record<string, unknown>) =>
  testConfiguration((fixture) => {
    (fixture.environments.dev as Record<string, unknown>).blueprints = {
      modelTraining: { schedule },
    };
  });

describe('training pipeline inputs and schedule', () => {
  it("defaults the subnet and security-group parameters to foundation's outputs (stack inputs)", () => {
    const json = synthStack(testConfiguration());
    const definition = JSON.parse(
      onlyResourceOfType(json, 'aws_sagemaker_pipeline').pipeline_definition as string,
    ) as PipelineDefinition;
    const defaults = Object.fromEntries(
      definition.Parameters.map((parameter) => [parameter.Name, parameter.DefaultValue]),
    );
    expect(defaults).toMatchObject({
      PrivateSubnet1: '${element(var.private_subnet_ids, 0)}',
      PrivateSubnet2: '${element(var.private_subnet_ids, 1)}',
      WorkloadSecurityGroupId: '${var.workload_security_group_id}',
    });
    expect(Object.keys((json as { variable?: object }).variable ?? {}).sort()).toEqual([
      'private_subnet_ids',
      'vpc_id',
      'workload_security_group_id',
    ]);
  });

  it('creates no schedule, queue or schedule role without configuration', () => {
    const json = synthStack(testConfiguration());
    expect(resourcesOfType(json, 'aws_scheduler_schedule')).toEqual({});
    expect(resourcesOfType(json, 'aws_sqs_queue')).toEqual({});
    expect(json.output?.training_schedule_arn).toBeUndefined();
  });

  it('starts the pipeline on the configured schedule with the network parameters, retries, a DLQ and KMS', () => {
    const json = synthStack(
      scheduled({ expression: 'cron(0 3 ? * MON *)', timezone: 'Europe/Berlin' }),
    );
    const schedule = onlyResourceOfType(json, 'aws_scheduler_schedule');
    expect(schedule).toMatchObject({
      name: 'genai-dev-fraud-detection-training-start',
      schedule_expression: 'cron(0 3 ? * MON *)',
      schedule_expression_timezone: 'Europe/Berlin',
      flexible_time_window: { mode: 'OFF' },
      kms_key_arn: ALIAS_ARN,
      state: 'ENABLED',
      target: {
        arn: expect.stringMatching(/^\$\{aws_sagemaker_pipeline\.Pipeline\.arn\}$/),
        retry_policy: { maximum_retry_attempts: 3, maximum_event_age_in_seconds: 3600 },
        dead_letter_config: { arn: expect.stringContaining('aws_sqs_queue.') },
        sagemaker_pipeline_parameters: {
          pipeline_parameter: [
            { name: 'PrivateSubnet1', value: '${element(var.private_subnet_ids, 0)}' },
            { name: 'PrivateSubnet2', value: '${element(var.private_subnet_ids, 1)}' },
            { name: 'WorkloadSecurityGroupId', value: '${var.workload_security_group_id}' },
          ],
        },
      },
    });
    expect(onlyResourceOfType(json, 'aws_sqs_queue')).toMatchObject({
      name: 'genai-dev-fraud-detection-training-schedule-dlq',
      kms_master_key_id: ALIAS_ARN,
      message_retention_seconds: 1209600,
    });
    expect(Object.keys(json.output ?? {})).toEqual(
      expect.arrayContaining(['training_schedule_arn', 'training_schedule_dead_letter_queue_url']),
    );
  });

  it('lets the schedule role only start its pipeline and send to its queue, assumed for its group only', () => {
    const json = synthStack(scheduled({ expression: 'rate(7 days)' }));
    const role = Object.values(resourcesOfType(json, 'aws_iam_role')).find(
      (candidate) => candidate.name === 'genai-dev-fraud-detection-training-schedule',
    );
    expect(JSON.parse(role?.assume_role_policy as string).Statement[0]).toMatchObject({
      Principal: { Service: 'scheduler.amazonaws.com' },
      Condition: {
        StringEquals: { 'aws:SourceAccount': '111111111111' },
        ArnLike: { 'aws:SourceArn': [GROUP_ARN] },
      },
    });
    const policy = Object.values(resourcesOfType(json, 'aws_iam_role_policy')).find(
      (candidate) => candidate.name === 'training-schedule',
    );
    const identity = [policy?.policy as string];
    const start = (resource: string) =>
      evaluateIam({ identity }, { action: 'sagemaker:StartPipelineExecution', resource });
    expect(start(PIPELINE_ARN)).toBe('allow');
    expect(start(`${PIPELINE_ARN}-other`)).toBe('implicit-deny');
    expect(
      evaluateIam(
        { identity },
        {
          action: 'sqs:SendMessage',
          resource:
            'arn:aws:sqs:eu-west-1:111111111111:genai-dev-fraud-detection-training-schedule-dlq',
        },
      ),
    ).toBe('allow');
    expect(
      evaluateIam(
        { identity },
        { action: 'sagemaker:StopPipelineExecution', resource: PIPELINE_ARN },
      ),
    ).toBe('implicit-deny');
  });
});
