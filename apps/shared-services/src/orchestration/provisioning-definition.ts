import { ORCHESTRATION_ERRORS } from '@genai-sandbox/functions';
import type { Retrier, StateMachineDefinition, TaskState } from './asl';

export interface ProvisioningDefinitionProps {
  /** ARN of the smus-project-reader function. */
  readonly readerFunctionArn: string;
  /** ARN of the project-pull-request function. */
  readonly pullRequestFunctionArn: string;
  /** The alarm topic a failed execution notifies. */
  readonly alarmTopicArn: string;
}

/** The state names, for tests and the dashboard. */
export const PROVISIONING_STATES = {
  readProject: 'ReadProject',
  openPullRequest: 'OpenPullRequest',
  notifyFailure: 'NotifyFailure',
  failed: 'ProjectNotProvisioned',
  done: 'PullRequestOpened',
} as const;

/** Lambda's own transient errors (Step Functions' Lambda service integration), with jitter. */
export const LAMBDA_TRANSIENT_RETRY: Retrier = {
  ErrorEquals: [
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Lambda.TooManyRequestsException',
  ],
  IntervalSeconds: 2,
  MaxAttempts: 6,
  BackoffRate: 2,
  JitterStrategy: 'FULL',
};

/**
 * The project's Tooling environment (and with it the project role) deploys after the project is
 * created, typically within minutes: wait from one minute up to ten between attempts, about 40
 * minutes in all, before the catch reports it.
 */
export const PROJECT_NOT_READY_RETRY: Retrier = {
  ErrorEquals: [ORCHESTRATION_ERRORS.projectNotReady],
  IntervalSeconds: 60,
  MaxAttempts: 8,
  BackoffRate: 1.5,
  MaxDelaySeconds: 600,
};

/** GitHub outages and rate limits: 30 s doubling, five times (about 15 minutes). */
export const GITHUB_UNAVAILABLE_RETRY: Retrier = {
  ErrorEquals: [ORCHESTRATION_ERRORS.gitHubUnavailable],
  IntervalSeconds: 30,
  MaxAttempts: 5,
  BackoffRate: 2,
  JitterStrategy: 'FULL',
};

const invoke = (
  functionArn: string,
  comment: string,
  retry: readonly Retrier[],
  next: string,
): TaskState => ({
  Type: 'Task',
  Comment: comment,
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: functionArn, 'Payload.$': '$' },
  // The function's answer is the next state's input; Lambda's envelope is dropped.
  OutputPath: '$.Payload',
  TimeoutSeconds: 120,
  Retry: [LAMBDA_TRANSIENT_RETRY, ...retry],
  // Everything else (bad events, unknown profiles, refused tokens, exhausted retries) is reported.
  Catch: [
    { ErrorEquals: ['States.ALL'], Next: PROVISIONING_STATES.notifyFailure, ResultPath: '$.error' },
  ],
  Next: next,
});

/**
 * The project orchestration (docs/architecture.md#shared-services): read the new SMUS project,
 * then open the pull request that adds it to its environment file. Transient failures are
 * retried with backoff; any failure ends in a notification of the alarm topic (what failed,
 * why, and the execution to look at) and a failed execution.
 */
export function provisioningDefinition(props: ProvisioningDefinitionProps): StateMachineDefinition {
  const { readProject, openPullRequest, notifyFailure, failed, done } = PROVISIONING_STATES;
  return {
    Comment:
      'Provisions a new SageMaker Unified Studio project: reads it from DataZone, then opens the pull request adding it to its environment file',
    StartAt: readProject,
    TimeoutSeconds: 3600,
    States: {
      [readProject]: invoke(
        props.readerFunctionArn,
        'The project, its profile, its project role and its environment, from DataZone',
        [PROJECT_NOT_READY_RETRY],
        openPullRequest,
      ),
      [openPullRequest]: invoke(
        props.pullRequestFunctionArn,
        'The pull request adding the project to environments/<env>.json; none when one exists',
        [GITHUB_UNAVAILABLE_RETRY],
        done,
      ),
      [notifyFailure]: {
        Type: 'Task',
        Comment: 'Tells the platform team what failed and where to look',
        Resource: 'arn:aws:states:::sns:publish',
        Parameters: {
          TopicArn: props.alarmTopicArn,
          Subject: 'GenAI sandbox: a SageMaker Unified Studio project was not provisioned',
          'Message.$':
            "States.Format('Execution {} failed with {}: {}', $$.Execution.Id, $.error.Error, $.error.Cause)",
        },
        ResultPath: null,
        Retry: [
          {
            ErrorEquals: ['States.TaskFailed'],
            IntervalSeconds: 5,
            MaxAttempts: 3,
            BackoffRate: 2,
          },
        ],
        Next: failed,
      },
      [failed]: {
        Type: 'Fail',
        Error: 'ProjectNotProvisioned',
        Cause: 'See the alarm topic notification and this execution history',
      },
      [done]: { Type: 'Succeed' },
    },
  };
}
