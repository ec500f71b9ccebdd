import { addOutput, PlatformStack, type StackContext } from '@genai-sandbox/core';
import { ObservabilitySink } from '@genai-sandbox/observability';
import type { Construct } from 'constructs';

export const SHARED_SERVICES_APP = 'shared-services';

/**
 * The one stack of the shared-services account (platform.json `sharedServicesAccountId` and
 * `sharedServices`): for now the CloudWatch cross-account observability sink that every
 * environment's foundation links to, admitting only the environment accounts of the
 * configuration, inside the organization.
 */
export class SharedServicesStack extends PlatformStack {
  readonly sink: ObservabilitySink;

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
  }
}
