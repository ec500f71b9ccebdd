import { addOutput, PlatformStack, type StackContext } from '@genai-sandbox/core';
import { ObservabilitySink } from '@genai-sandbox/observability';
import type { Construct } from 'constructs';
import { UnifiedStudio } from './unified-studio';

export const SHARED_SERVICES_APP = 'shared-services';

/**
 * The one stack of the shared-services account (platform.json `sharedServicesAccountId` and
 * `sharedServices`): the CloudWatch cross-account observability sink that every environment's
 * foundation links to, admitting only the environment accounts of the configuration, inside the
 * organization; and, when configured, the SageMaker Unified Studio domain with its project
 * profiles.
 */
export class SharedServicesStack extends PlatformStack {
  readonly sink: ObservabilitySink;
  /** SageMaker Unified Studio, when platform.json configures sharedServices.domain. */
  readonly unifiedStudio?: UnifiedStudio;

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
    const domain = config.platform.sharedServices?.domain;
    if (domain) {
      this.unifiedStudio = new UnifiedStudio(this, 'UnifiedStudio', { config, domain });
      this.declareDomainOutputs(this.unifiedStudio);
    }
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
