import { PLATFORM_KEY_PURPOSE } from '@genai-sandbox/config';
import { addOutput, PlatformStack, type StackContext } from '@genai-sandbox/core';
import {
  ObservabilitySink,
  PlatformAlarmTopic,
  PlatformDashboard,
  searchWidget,
} from '@genai-sandbox/observability';
import { PlatformKey } from '@genai-sandbox/security';
import type { Construct } from 'constructs';
import {
  orchestrationEnvironments,
  orchestrationProfiles,
  ProjectOrchestration,
} from './orchestration';
import { UnifiedStudio } from './unified-studio';

export const SHARED_SERVICES_APP = 'shared-services';

/**
 * The one stack of the shared-services account (platform.json `sharedServicesAccountId` and
 * `sharedServices`): the CloudWatch cross-account observability sink that every environment's
 * foundation links to, admitting only the environment accounts of the configuration, inside the
 * organization; the account's platform key, alarm topic and dashboard; when configured, the
 * SageMaker Unified Studio domain with its project profiles; and, once
 * `sharedServices.domain.domainId` records the domain's ID, the orchestration that provisions the
 * domain's new projects.
 */
export class SharedServicesStack extends PlatformStack {
  readonly sink: ObservabilitySink;
  readonly platformKey: PlatformKey;
  readonly alarmTopic: PlatformAlarmTopic;
  readonly dashboard: PlatformDashboard;
  /** SageMaker Unified Studio, when platform.json configures sharedServices.domain. */
  readonly unifiedStudio?: UnifiedStudio;
  readonly orchestration?: ProjectOrchestration;

  constructor(scope: Construct, context: StackContext) {
    super(scope, { ...context, app: SHARED_SERVICES_APP, stackName: SHARED_SERVICES_APP });
    const { config } = context;
    this.sink = new ObservabilitySink(this, 'ObservabilitySink', {
      sourceAccountIds: config.environments
        .filter((environment) => environment.observability.crossAccount)
        .map((environment) => environment.accountId),
      organizationId: config.platform.organizationId,
    });
    addOutput(this, 'sink_arn', {
      value: this.sink.sinkArn,
      description:
        'ARN of the observability sink; copy it to sharedServices.oamSinkArn in platform.json so every foundation links to it',
    });
    this.platformKey = new PlatformKey(this, 'PlatformKey', {
      purpose: PLATFORM_KEY_PURPOSE,
      description:
        'GenAI sandbox shared services: logs, secrets, queues, alarms and state machine data',
      allowEventBridge: true,
      allowAlarmNotifications: true,
    });
    this.alarmTopic = new PlatformAlarmTopic(this, 'AlarmTopic', {
      encryptionKey: this.platformKey,
    });
    this.dashboard = new PlatformDashboard(this, 'Dashboard');

    const domain = config.platform.sharedServices?.domain;
    if (domain) {
      this.unifiedStudio = new UnifiedStudio(this, 'UnifiedStudio', { config, domain });
      this.declareDomainOutputs(this.unifiedStudio);
    }

    // The orchestration filters DataZone's events by the domain's ID, recorded in platform.json
    // after the first apply (as the foundations' blueprint enablement reads it).
    const domainId = domain?.domainId;
    if (!domainId) return;
    this.orchestration = new ProjectOrchestration(this, 'ProjectOrchestration', {
      domainId,
      profiles: orchestrationProfiles(config),
      environments: orchestrationEnvironments(config),
      repository: `${config.platform.github.organization}/${config.platform.github.repository}`,
      encryptionKey: this.platformKey,
      alarmTopic: this.alarmTopic,
    });
    const machine = this.orchestration.stateMachine;
    this.dashboard.addAlarms(...this.orchestration.alarmArns);
    this.dashboard.addAccountWidgets(
      searchWidget(this.region, 'Project provisioning: executions', [
        ...['ExecutionsSucceeded', 'ExecutionsFailed', 'ExecutionsTimedOut'].map((metricName) => ({
          namespace: 'AWS/States',
          dimensions: ['StateMachineArn'],
          metricName,
          contains: machine.stateMachineName,
          stat: 'Sum',
          periodSeconds: 3600,
          label: metricName.replace('Executions', ''),
        })),
      ]),
    );
    addOutput(this, 'project_provisioning_state_machine_arn', {
      value: machine.stateMachineArn,
      description:
        'ARN of the state machine that provisions new SageMaker Unified Studio projects; start it by hand with a project-creation event to replay one',
    });
    addOutput(this, 'github_token_secret_arn', {
      value: this.orchestration.pullRequest.tokenSecret.arn,
      description:
        'ARN of the secret the project orchestration reads its GitHub token from; set its value once with aws secretsmanager put-secret-value',
    });
  }

  private declareDomainOutputs({ domain }: UnifiedStudio): void {
    addOutput(this, 'smus_domain_id', {
      value: domain.domainId,
      description:
        'ID of the SageMaker Unified Studio domain; list its managed blueprints with it to fill sharedServices.domain.blueprintIds',
    });
    addOutput(this, 'smus_domain_arn', {
      value: domain.domainArn,
      description: 'ARN of the SageMaker Unified Studio domain',
    });
    addOutput(this, 'smus_portal_url', {
      value: domain.portalUrl,
      description: 'URL of the SageMaker Unified Studio portal of the domain',
    });
  }
}
