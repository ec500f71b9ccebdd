import type { ProjectReaderSetting } from '@genai-sandbox/functions';
import type { IAlarmTopic } from '@genai-sandbox/observability';
import type { IKey } from '@genai-sandbox/security';
import { Construct } from 'constructs';
import { ProjectCreatedTrigger } from './project-created-trigger';
import { ProjectReaderFunction } from './project-reader-function';
import { ProvisioningStateMachine } from './provisioning-state-machine';
import { PullRequestFunction } from './pull-request-function';

export interface ProjectOrchestrationProps {
  /** The SageMaker Unified Studio domain whose new projects are provisioned. */
  readonly domainId: string;
  /** SMUS project profiles to platform profiles, and the accounts of the environments. */
  readonly profiles: ProjectReaderSetting['profiles'];
  readonly environments: ProjectReaderSetting['environments'];
  /** `<owner>/<repository>` of the platform repository, where the pull requests go. */
  readonly repository: string;
  /** The platform key of the account; it must admit EventBridge and alarm notifications. */
  readonly encryptionKey: IKey;
  readonly alarmTopic: IAlarmTopic;
}

/**
 * The orchestration that provisions a new SageMaker Unified Studio project's blueprints
 * (docs/architecture.md#shared-services): DataZone's project-creation event -> EventBridge rule
 * -> Step Functions -> the project reader -> the pull request that adds the project to its
 * environment file, which deploy.yml deploys once merged.
 */
export class ProjectOrchestration extends Construct {
  readonly reader: ProjectReaderFunction;
  readonly pullRequest: PullRequestFunction;
  readonly stateMachine: ProvisioningStateMachine;
  readonly trigger: ProjectCreatedTrigger;

  constructor(scope: Construct, id: string, props: ProjectOrchestrationProps) {
    super(scope, id);
    const { encryptionKey, alarmTopic } = props;
    this.reader = new ProjectReaderFunction(this, 'ProjectReader', {
      setting: {
        domainId: props.domainId,
        profiles: props.profiles,
        environments: props.environments,
      },
      encryptionKey,
      alarmTopic,
    });
    this.pullRequest = new PullRequestFunction(this, 'PullRequest', {
      repository: props.repository,
      encryptionKey,
      alarmTopic,
    });
    this.stateMachine = new ProvisioningStateMachine(this, 'StateMachine', {
      reader: this.reader.function,
      pullRequest: this.pullRequest.function,
      encryptionKey,
      alarmTopic,
    });
    this.trigger = new ProjectCreatedTrigger(this, 'Trigger', {
      domainId: props.domainId,
      stateMachineArn: this.stateMachine.stateMachineArn,
      encryptionKey,
      alarmTopic,
    });
  }

  /** Every alarm of the orchestration, for the dashboard. */
  get alarmArns(): string[] {
    return [
      ...this.stateMachine.alarms.map((alarm) => alarm.alarmArn),
      this.trigger.deadLetterAlarm.alarmArn,
    ];
  }
}
