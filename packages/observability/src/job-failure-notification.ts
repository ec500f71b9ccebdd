import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { ConstructEnvironment } from '@genai-sandbox/core';
import { Construct } from 'constructs';
import { type IAlarmTopic, PlatformAlarmTopic } from './alarm-topic';
import { throwIfProblems } from './validation';

/** SageMaker job kinds, with the detail-type, status field and name field of their state-change events. */
export const SAGEMAKER_JOB_EVENTS = {
  transform: {
    detailType: 'SageMaker Transform Job State Change',
    status: 'TransformJobStatus',
    name: 'TransformJobName',
  },
  training: {
    detailType: 'SageMaker Training Job State Change',
    status: 'TrainingJobStatus',
    name: 'TrainingJobName',
  },
  processing: {
    detailType: 'SageMaker Processing Job State Change',
    status: 'ProcessingJobStatus',
    name: 'ProcessingJobName',
  },
} as const;
export type SageMakerJobKind = keyof typeof SAGEMAKER_JOB_EVENTS;

export interface JobFailureNotificationProps {
  /** Batch transform jobs (the batch inference blueprint), training or processing jobs. */
  readonly jobKind: SageMakerJobKind;
  /** Only jobs whose names start with this prefix, e.g. the project's naming prefix. */
  readonly jobNamePrefix: string;
  /** Part of the rule name. */
  readonly purpose: string;
  /** @default - the platform alarm topic of the environment */
  readonly topic?: IAlarmTopic;
}

/**
 * Batch job failures: SageMaker publishes no CloudWatch metric for a failed transform, training
 * or processing job, only a state-change event. An EventBridge rule sends each failure of the
 * named jobs straight to the alarm topic (whose policy admits EventBridge rules of the account),
 * so a failed batch run notifies like an alarm does.
 */
export class JobFailureNotification extends Construct {
  readonly ruleArn: string;

  constructor(scope: Construct, id: string, props: JobFailureNotificationProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    throwIfProblems(
      this,
      'JobFailureNotification',
      props.jobNamePrefix.length > 0
        ? []
        : [
            {
              prop: 'jobNamePrefix',
              received: props.jobNamePrefix,
              message: 'name a prefix: an empty one would notify on every job of the account',
            },
          ],
    );
    const event = SAGEMAKER_JOB_EVENTS[props.jobKind];
    const rule = new CloudwatchEventRule(this, 'Rule', {
      name: stack.naming.name('eventbridge-rule', props.purpose, 'failed'),
      description: `Failed SageMaker ${props.jobKind} jobs named ${props.jobNamePrefix}* notify the alarm topic`,
      eventBusName: 'default',
      state: 'ENABLED',
      eventPattern: JSON.stringify({
        source: ['aws.sagemaker'],
        'detail-type': [event.detailType],
        detail: {
          [event.status]: ['Failed'],
          [event.name]: [{ prefix: props.jobNamePrefix }],
        },
      }),
    });
    new CloudwatchEventTarget(this, 'Target', {
      rule: rule.name,
      eventBusName: 'default',
      arn: (props.topic ?? PlatformAlarmTopic.fromEnvironment(this)).topicArn,
    });
    this.ruleArn = rule.arn;
  }
}
