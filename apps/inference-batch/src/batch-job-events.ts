import { PlatformFunction } from '@genai-sandbox/compute';
import { PlatformStack, type PolicyStatement } from '@genai-sandbox/core';
import { batchJobEventsEnvironment, functionSource } from '@genai-sandbox/functions';
import {
  BATCH_METRICS_NAMESPACE,
  DeadLetterAlarm,
  LambdaAlarms,
  SAGEMAKER_JOB_EVENTS,
} from '@genai-sandbox/observability';
import type { IKey } from '@genai-sandbox/security';
import { Construct } from 'constructs';
import { BatchEventRule } from './batch-event-rule';

/** Counting the jobs in progress; ListTransformJobs has no resource type, so "*" is its only resource. */
export const TRANSFORM_JOB_LIST_ACTIONS = ['sagemaker:ListTransformJobs'] as const;

export interface BatchJobEventsProps {
  /** The project's jobs are `<jobNamePrefix>-<hash>`. */
  readonly jobNamePrefix: string;
  /** The platform key by ARN: the function's environment, logs and dead-letter queues. */
  readonly encryptionKey: IKey;
}

/**
 * Records every state change of the project's transform jobs ("SageMaker Transform Job State
 * Change" for names starting with the prefix) with the `batch-job-events` function: one
 * embedded-metric-format log line each, which is both the record of the outcome and the metrics of
 * the dashboard's batch section (`JobsRunning`, `JobsCompleted`, `JobsFailed`, `JobsStopped` in
 * `GenAISandbox/BatchInference`, dimension `Project`). Its role may only list transform jobs; the
 * metrics need no CloudWatch permission. Alarms on its errors, throttles and dead-letter queues.
 */
export class BatchJobEvents extends Construct {
  readonly function: PlatformFunction;
  readonly rule: BatchEventRule;
  readonly statements: readonly PolicyStatement[];
  readonly alarms: LambdaAlarms;
  readonly deadLetterAlarm: DeadLetterAlarm;

  constructor(scope: Construct, id: string, props: BatchJobEventsProps) {
    super(scope, id);
    const stack = PlatformStack.of(this);
    const project = stack.project?.name ?? '';
    this.function = new PlatformFunction(this, 'Function', {
      purpose: 'batch-job-events',
      description: `Records the state changes of transform jobs ${props.jobNamePrefix}-* as metrics`,
      source: functionSource('batch-job-events'),
      encryptionKey: props.encryptionKey,
      environment: batchJobEventsEnvironment({
        project,
        jobNamePrefix: props.jobNamePrefix,
        namespace: BATCH_METRICS_NAMESPACE,
      }),
    });
    const statement: PolicyStatement = {
      Sid: 'CountRunningTransformJobs',
      Effect: 'Allow',
      Action: [...TRANSFORM_JOB_LIST_ACTIONS],
      Resource: '*',
    };
    this.function.addToRolePolicy(statement);
    this.statements = [statement];
    const event = SAGEMAKER_JOB_EVENTS.transform;
    this.rule = new BatchEventRule(this, 'StateChanges', {
      purpose: 'batch-job-events',
      description: `State changes of transform jobs ${props.jobNamePrefix}-* are recorded as metrics`,
      eventPattern: {
        source: ['aws.sagemaker'],
        'detail-type': [event.detailType],
        detail: { [event.name]: [{ prefix: `${props.jobNamePrefix}-` }] },
      },
      target: this.function,
      encryptionKey: props.encryptionKey,
    });
    this.alarms = new LambdaAlarms(this, 'Alarms', { functionName: this.function.functionName });
    this.deadLetterAlarm = new DeadLetterAlarm(this, 'DeadLetterAlarm', {
      queueName: stack.naming.name('sqs-queue', 'batch-job-events', 'dlq'),
    });
  }
}
