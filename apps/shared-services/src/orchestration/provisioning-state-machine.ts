import { PROJECT_ORCHESTRATION_PURPOSES } from '@genai-sandbox/config';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { PlatformStack } from '@genai-sandbox/core';
import type { PlatformFunction } from '@genai-sandbox/compute';
import { type IAlarmTopic, PlatformAlarm, PlatformLogGroup } from '@genai-sandbox/observability';
import { type IKey, ServiceRole } from '@genai-sandbox/security';
import { Construct } from 'constructs';
import { renderDefinition } from './asl';
import {
  PUBLISH_ACTIONS,
  STATE_MACHINE_KEY_ACTIONS,
  STATE_MACHINE_LOG_DELIVERY_ACTIONS,
  XRAY_WRITE_ACTIONS,
} from './perms';
import { provisioningDefinition } from './provisioning-definition';

export interface ProvisioningStateMachineProps {
  readonly reader: PlatformFunction;
  readonly pullRequest: PlatformFunction;
  /** The platform key: execution data, logs, and the alarm topic's messages. */
  readonly encryptionKey: IKey;
  readonly alarmTopic: IAlarmTopic;
}

/** The encryption context Step Functions uses for a state machine's data under a customer key. */
export const STATE_MACHINE_CONTEXT_KEY = 'kms:EncryptionContext:aws:states:stateMachineArn';

/**
 * The Step Functions state machine of the orchestration (STANDARD): its definition built from
 * typed states, execution data encrypted with the platform key, logs in a platform log group,
 * X-Ray tracing, and a role that may invoke the two functions, publish to the alarm topic and
 * use the key for this machine only. Alarms on failed and timed-out executions.
 */
export class ProvisioningStateMachine extends Construct {
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  readonly role: ServiceRole;
  readonly logGroup: PlatformLogGroup;
  readonly resource: SfnStateMachine;
  readonly alarms: readonly PlatformAlarm[];

  constructor(scope: Construct, id: string, props: ProvisioningStateMachineProps) {
    super(scope, id);
    const stack = PlatformStack.of(this);
    this.stateMachineName = stack.naming.name(
      'sfn-state-machine',
      PROJECT_ORCHESTRATION_PURPOSES.stateMachine,
    );
    this.stateMachineArn = `arn:aws:states:${stack.region}:${stack.accountId}:stateMachine:${this.stateMachineName}`;
    this.logGroup = new PlatformLogGroup(this, 'LogGroup', {
      purpose: ['states', 'project-provisioning'],
      encryptionKey: props.encryptionKey,
    });
    const functions = [props.reader.functionArn, props.pullRequest.functionArn];
    this.role = new ServiceRole(this, 'Role', {
      purpose: PROJECT_ORCHESTRATION_PURPOSES.stateMachine,
      description: `Runs the ${this.stateMachineName} state machine`,
      service: 'states.amazonaws.com',
      sourceArns: [this.stateMachineArn],
      statements: [
        {
          Sid: 'InvokeTheOrchestrationFunctions',
          Effect: 'Allow',
          Action: 'lambda:InvokeFunction',
          Resource: [...functions, ...functions.map((arn) => `${arn}:*`)],
        },
        {
          Sid: 'NotifyTheAlarmTopic',
          Effect: 'Allow',
          Action: [...PUBLISH_ACTIONS],
          Resource: props.alarmTopic.topicArn,
        },
        {
          Sid: 'EncryptAlarmMessages',
          Effect: 'Allow',
          Action: [...STATE_MACHINE_KEY_ACTIONS],
          Resource: props.encryptionKey.keyArn,
          Condition: { StringEquals: { 'kms:ViaService': `sns.${stack.region}.amazonaws.com` } },
        },
        {
          Sid: 'UseTheKeyForThisMachineOnly',
          Effect: 'Allow',
          Action: [...STATE_MACHINE_KEY_ACTIONS],
          Resource: props.encryptionKey.keyArn,
          Condition: { StringEquals: { [STATE_MACHINE_CONTEXT_KEY]: this.stateMachineArn } },
        },
        {
          Sid: 'DeliverLogs',
          Effect: 'Allow',
          Action: [...STATE_MACHINE_LOG_DELIVERY_ACTIONS],
          Resource: '*',
        },
        { Sid: 'WriteTraces', Effect: 'Allow', Action: [...XRAY_WRITE_ACTIONS], Resource: '*' },
      ],
    });
    this.resource = new SfnStateMachine(this, 'Resource', {
      name: this.stateMachineName,
      type: 'STANDARD',
      roleArn: this.role.roleArn,
      definition: renderDefinition(
        provisioningDefinition({
          // The functions' arn attributes, not their predictable ARNs: the definition is then
          // unknown until they exist, so the provider's plan-time ValidateStateMachineDefinition
          // call (an AWS call) waits for the apply and the plan stays offline.
          readerFunctionArn: props.reader.resource.arn,
          pullRequestFunctionArn: props.pullRequest.resource.arn,
          alarmTopicArn: props.alarmTopic.topicArn,
        }),
      ),
      encryptionConfiguration: {
        type: 'CUSTOMER_MANAGED_KMS_KEY',
        kmsKeyId: props.encryptionKey.keyArn,
        kmsDataKeyReusePeriodSeconds: 300,
      },
      // Execution data stays in the (encrypted) execution history; the logs carry events only,
      // so log delivery needs no access to the key.
      loggingConfiguration: {
        logDestination: `${this.logGroup.logGroupArn}:*`,
        includeExecutionData: false,
        level: 'ALL',
      },
      tracingConfiguration: { enabled: true },
      // Step Functions checks the role (and the log group) when it creates the machine.
      dependsOn: [this.role.policy, this.logGroup.resource],
    });
    const alarm = (metricName: string, advice: string) =>
      new PlatformAlarm(this, metricName, {
        purpose: [this.stateMachineName, metricName.toLowerCase()],
        description: `State machine ${this.stateMachineName}: ${advice}`,
        periodSeconds: 300,
        evaluationPeriods: 1,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        threshold: 1,
        // No execution, no failure.
        treatMissingData: 'notBreaching',
        metric: {
          namespace: 'AWS/States',
          metricName,
          dimensions: { StateMachineArn: this.stateMachineArn },
          stat: 'Sum',
        },
        topic: props.alarmTopic,
      });
    this.alarms = [
      alarm(
        'ExecutionsFailed',
        'a SageMaker Unified Studio project was not provisioned. The notification of the execution says why; fix it, then start a new execution with the original event.',
      ),
      alarm(
        'ExecutionsTimedOut',
        'an execution ran out of time (an hour). Read its history in the Step Functions console.',
      ),
    ];
  }
}
