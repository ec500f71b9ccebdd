import { join } from 'node:path';
import { loadPlatformConfiguration, sharedServicesEnvironment } from '@genai-sandbox/config';
import { evaluateIam, synthesize } from '@genai-sandbox/core/testing';
import type { PlatformRole } from '@genai-sandbox/security';
import { Testing } from 'cdktf';
import {
  definitionProblems,
  GITHUB_UNAVAILABLE_RETRY,
  LAMBDA_TRANSIENT_RETRY,
  orchestrationEnvironments,
  orchestrationProfiles,
  PROJECT_NOT_READY_RETRY,
  type StateMachineDefinition,
  SharedServicesStack,
} from '../src';

const config = loadPlatformConfiguration(join(__dirname, '../../../environments'));
const DOMAIN = 'dzd_a1b2c3d4e5f6g7';
const PREFIX = 'arn:aws:lambda:eu-west-1:444444444444:function:genai-shared';
const MACHINE =
  'arn:aws:states:eu-west-1:444444444444:stateMachine:genai-shared-project-provisioning';

function synthShared(domainId: string | null = DOMAIN) {
  const environment = sharedServicesEnvironment(config);
  if (!environment) throw new Error('the example configuration has a sharedServices section');
  const shared = config.platform.sharedServices;
  const configured = {
    ...config,
    platform: {
      ...config.platform,
      sharedServices: shared && {
        ...shared,
        domain: shared.domain && { ...shared.domain, domainId: domainId ?? undefined },
      },
    },
  };
  const stack = new SharedServicesStack(Testing.app(), { config: configured, environment });
  return { stack, json: synthesize(stack) };
}

const { stack, json } = synthShared();
const orchestration = stack.orchestration;
if (!orchestration) throw new Error('the example configuration names a domain');
const only = <T>(type: string): T => {
  const resources = Object.values(json.resource?.[type] ?? {});
  expect(resources).toHaveLength(1);
  return resources[0] as T;
};
const allows = (role: PlatformRole, action: string, resource: string, context = {}) =>
  evaluateIam(
    { identity: [JSON.stringify({ Version: '2012-10-17', Statement: role.policyStatements })] },
    { action, resource, context },
  ) === 'allow';

describe('project orchestration', () => {
  it("matches DataZone's project-creation events of the platform's domain only", () => {
    const rule = only<{ event_pattern: string; event_bus_name: string }>(
      'aws_cloudwatch_event_rule',
    );
    expect(rule.event_bus_name).toBe('default');
    expect(JSON.parse(rule.event_pattern)).toEqual({
      source: ['aws.datazone'],
      'detail-type': ['Project Creation Succeeded'],
      detail: { metadata: { domain: [DOMAIN] } },
    });
  });

  it('starts the state machine through a role that may start only it, with retries and a dead-letter queue', () => {
    const target = only<Record<string, unknown>>('aws_cloudwatch_event_target');
    expect(target).toMatchObject({
      arn: MACHINE,
      retry_policy: { maximum_event_age_in_seconds: 86400, maximum_retry_attempts: 20 },
      dead_letter_config: { arn: expect.stringContaining('aws_sqs_queue') },
    });
    const role = orchestration.trigger.role;
    expect(allows(role, 'states:StartExecution', MACHINE)).toBe(true);
    expect(allows(role, 'states:StartExecution', `${MACHINE}-other`)).toBe(false);
    expect(allows(role, 'states:StopExecution', MACHINE)).toBe(false);
    const trust = Object.entries(json.resource?.aws_iam_role ?? {}).find(([id]) =>
      id.startsWith('ProjectOrchestration_Trigger_Role'),
    )?.[1].assume_role_policy as string;
    expect(JSON.parse(trust).Statement[0].Condition.ArnEquals).toEqual({
      'aws:SourceArn': expect.stringMatching(
        /^\$\{aws_cloudwatch_event_rule\.ProjectOrchestration_Trigger_Rule_[0-9A-F]+\.arn\}$/,
      ),
    });
  });

  describe('the state machine', () => {
    const machine = only<Record<string, unknown>>('aws_sfn_state_machine');
    const definition = JSON.parse(machine.definition as string) as StateMachineDefinition;

    it('reads the project, then opens the pull request; any failure notifies the alarm topic and fails', () => {
      expect(definition.StartAt).toBe('ReadProject');
      expect(
        Object.fromEntries(
          Object.entries(definition.States).map(([name, state]) => [
            name,
            state.Type === 'Task' ? `${state.Resource} -> ${state.Next}` : state.Type,
          ]),
        ),
      ).toEqual({
        ReadProject: 'arn:aws:states:::lambda:invoke -> OpenPullRequest',
        OpenPullRequest: 'arn:aws:states:::lambda:invoke -> PullRequestOpened',
        NotifyFailure: 'arn:aws:states:::sns:publish -> ProjectNotProvisioned',
        ProjectNotProvisioned: 'Fail',
        PullRequestOpened: 'Succeed',
      });
      const task = (name: string) => {
        const state = definition.States[name];
        if (state.Type !== 'Task') throw new Error(`${name} is no task`);
        return state;
      };
      expect(task('ReadProject').Parameters).toEqual({
        FunctionName: expect.stringMatching(
          /^\$\{aws_lambda_function\.ProjectOrchestration_ProjectReader_Function_[0-9A-F]+\.arn\}$/,
        ),
        'Payload.$': '$',
      });
      expect(task('OpenPullRequest').Parameters).toMatchObject({
        FunctionName: expect.stringMatching(
          /^\$\{aws_lambda_function\.ProjectOrchestration_PullRequest_Function_[0-9A-F]+\.arn\}$/,
        ),
      });
      expect(task('NotifyFailure').Parameters).toMatchObject({
        TopicArn: 'arn:aws:sns:eu-west-1:444444444444:genai-shared-alarms',
      });
      for (const name of ['ReadProject', 'OpenPullRequest'])
        expect(task(name).Catch).toEqual([
          { ErrorEquals: ['States.ALL'], Next: 'NotifyFailure', ResultPath: '$.error' },
        ]);
    });

    it('retries transient failures with backoff: Lambda, a project still deploying, GitHub outages', () => {
      const retry = (name: string) => {
        const state = definition.States[name];
        return state.Type === 'Task' ? state.Retry : undefined;
      };
      expect(retry('ReadProject')).toEqual([LAMBDA_TRANSIENT_RETRY, PROJECT_NOT_READY_RETRY]);
      expect(retry('OpenPullRequest')).toEqual([LAMBDA_TRANSIENT_RETRY, GITHUB_UNAVAILABLE_RETRY]);
      expect(PROJECT_NOT_READY_RETRY).toMatchObject({
        ErrorEquals: ['ProjectNotReady'],
        BackoffRate: 1.5,
        MaxDelaySeconds: 600,
      });
      expect(GITHUB_UNAVAILABLE_RETRY).toMatchObject({
        ErrorEquals: ['GitHubUnavailable'],
        BackoffRate: 2,
      });
    });

    it('encrypts with the platform key, logs to a platform log group and traces with X-Ray', () => {
      expect(machine).toMatchObject({
        name: 'genai-shared-project-provisioning',
        type: 'STANDARD',
        encryption_configuration: {
          type: 'CUSTOMER_MANAGED_KMS_KEY',
          kms_key_id: expect.stringContaining('aws_kms_key.PlatformKey'),
        },
        logging_configuration: {
          level: 'ALL',
          include_execution_data: false,
          log_destination:
            'arn:aws:logs:eu-west-1:444444444444:log-group:/genai/shared/states/project-provisioning:*',
        },
        tracing_configuration: { enabled: true },
      });
    });

    it('runs with a role that may invoke the two functions and notify the topic, nothing else', () => {
      const role = orchestration.stateMachine.role;
      expect(allows(role, 'lambda:InvokeFunction', `${PREFIX}-smus-project-reader`)).toBe(true);
      expect(allows(role, 'lambda:InvokeFunction', `${PREFIX}-project-pull-request`)).toBe(true);
      expect(allows(role, 'lambda:InvokeFunction', `${PREFIX}-inference-router`)).toBe(false);
      expect(
        allows(role, 'sns:Publish', 'arn:aws:sns:eu-west-1:444444444444:genai-shared-alarms'),
      ).toBe(true);
      expect(allows(role, 'sns:Publish', 'arn:aws:sns:eu-west-1:444444444444:other')).toBe(false);
    });

    it('alarms on failed and timed-out executions', () => {
      expect(orchestration.stateMachine.alarms.map((alarm) => alarm.alarmName)).toEqual([
        'genai-shared-project-provisioning-executionsfailed',
        'genai-shared-project-provisioning-executionstimedout',
      ]);
    });
  });

  describe("the functions' permissions", () => {
    it('lets the reader read DataZone projects of the domain only, and write nothing', () => {
      const role = orchestration.reader.function.role;
      const inDomain = { 'datazone:domainId': DOMAIN };
      for (const action of [
        'GetProject',
        'GetProjectProfile',
        'ListEnvironments',
        'GetEnvironment',
      ])
        expect(allows(role, `datazone:${action}`, '*', inDomain)).toBe(true);
      expect(allows(role, 'datazone:GetProject', '*', { 'datazone:domainId': 'dzd_other' })).toBe(
        false,
      );
      expect(allows(role, 'datazone:GetProject', '*')).toBe(false);
      expect(allows(role, 'datazone:UpdateProject', '*', inDomain)).toBe(false);
      expect(allows(role, 'secretsmanager:GetSecretValue', '*')).toBe(false);
    });

    it('lets only the pull-request function read the GitHub token, and only that secret', () => {
      const readers = Object.entries(json.resource?.aws_iam_role_policy ?? {}).flatMap(
        ([id, policy]) =>
          (
            JSON.parse(policy.policy as string) as { Statement: Record<string, unknown>[] }
          ).Statement.filter((statement) =>
            JSON.stringify(statement.Action).includes('secretsmanager'),
          ).map((statement) => ({ id, statement })),
      );
      expect(readers).toEqual([
        {
          id: expect.stringMatching(/^ProjectOrchestration_PullRequest_Function_Role_Policy/),
          statement: {
            Sid: 'ReadTheGitHubToken',
            Effect: 'Allow',
            Action: ['secretsmanager:GetSecretValue'],
            Resource: expect.stringMatching(
              /^\$\{aws_secretsmanager_secret\.ProjectOrchestration_PullRequest_GitHubToken_[0-9A-F]+\.arn\}$/,
            ),
          },
        },
      ]);
      // Terraform creates the secret without a value: the token is never in a plan or in state.
      expect(json.resource?.aws_secretsmanager_secret_version).toBeUndefined();
      expect(only<Record<string, unknown>>('aws_secretsmanager_secret')).toMatchObject({
        name: 'genai-shared-orchestration-github-token',
        kms_key_id: expect.stringContaining('aws_kms_key.PlatformKey'),
      });
    });
  });

  /** The example configuration with other project environments (the domain deploys into). */
  const deployingInto = (projectEnvironments: string[]) => {
    const shared = config.platform.sharedServices;
    if (!shared?.domain) throw new Error('the example configuration has a SMUS domain');
    return {
      ...config,
      platform: {
        ...config.platform,
        sharedServices: { ...shared, domain: { ...shared.domain, projectEnvironments } },
      },
    };
  };

  it('maps each platform profile to one SMUS project profile per project environment', () => {
    const mapped = orchestrationProfiles(deployingInto(['dev', 'test']));
    expect(mapped['inference-only-test']).toEqual({
      profile: 'inference-only',
      blueprints: ['inference-realtime', 'inference-serverless'],
      environment: 'test',
    });
    expect(Object.keys(mapped).sort()).toEqual([
      'genai-full-dev',
      'genai-full-test',
      'inference-only-dev',
      'inference-only-test',
    ]);
    expect(
      orchestrationEnvironments(deployingInto(['dev', 'test'])).map(({ name }) => name),
    ).toEqual(['dev', 'test']);
  });

  it('fails when a project profile of an environment the domain does not deploy into is mapped', () => {
    // The example domain deploys into dev only: a project with a prod profile opens no pull request.
    expect(config.platform.sharedServices?.domain?.projectEnvironments).toEqual(['dev']);
    expect(Object.keys(orchestrationProfiles(config)).sort()).toEqual([
      'genai-full-dev',
      'inference-only-dev',
    ]);
    expect(orchestrationEnvironments(config)).toEqual([{ name: 'dev', accountId: '111111111111' }]);
    // What the deployed reader is configured with: the function's settings in the stack.
    const reader = Object.values(json.resource?.aws_lambda_function ?? {}).find(
      (fn) =>
        (fn as { function_name?: string }).function_name === 'genai-shared-smus-project-reader',
    ) as { environment?: { variables?: Record<string, string> } } | undefined;
    const settings = JSON.stringify(reader?.environment?.variables ?? {});
    expect(settings).toContain('genai-full-dev');
    expect(settings).not.toContain('genai-full-prod');
    expect(settings).not.toContain('333333333333');
  });

  it('has no orchestration until sharedServices.domain.domainId records the domain', () => {
    const { stack: bare, json: output } = synthShared(null);
    expect(bare.orchestration).toBeUndefined();
    expect(output.resource?.aws_sfn_state_machine).toBeUndefined();
  });
});

describe('definitionProblems', () => {
  const base: StateMachineDefinition = {
    Comment: 'test',
    StartAt: 'A',
    States: {
      A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'B' },
      B: { Type: 'Succeed' },
    },
  };

  it('accepts a sound definition', () => {
    expect(definitionProblems(base)).toEqual([]);
  });

  it('fails when a transition, a catch or StartAt names no state, or a state is never reached', () => {
    expect(
      definitionProblems({
        ...base,
        StartAt: 'Z',
        States: {
          A: {
            Type: 'Task',
            Resource: 'r',
            Next: 'Missing',
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Nowhere' }],
          },
          B: { Type: 'Succeed' },
        },
      }),
    ).toEqual([
      'StartAt names "Z", which is no state',
      'A.Next names "Missing", which is no state',
      'A.Catch[0].Next names "Nowhere", which is no state',
      'state A is never reached',
      'state B is never reached',
    ]);
  });

  it('fails when a task has both or neither of Next and End, or a retrier is unusable', () => {
    expect(
      definitionProblems({
        ...base,
        States: {
          A: {
            Type: 'Task',
            Resource: 'r',
            Retry: [
              { ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 1, BackoffRate: 2 },
              { ErrorEquals: [], IntervalSeconds: 0, MaxAttempts: 1, BackoffRate: 0.5 },
            ],
          },
          B: { Type: 'Succeed' },
        },
      }),
    ).toEqual([
      'state A needs exactly one of Next and End',
      'A.Retry[0]: States.ALL must be the last retrier',
      'A.Retry[1] names no error',
      'A.Retry[1] needs IntervalSeconds >= 1, MaxAttempts >= 0, BackoffRate >= 1',
      'state B is never reached',
    ]);
  });
});
