import { sharedServicesEnvironment } from '../shared-services';
import type { PlatformConfiguration } from '../types';
import { environmentNamer } from './platform-names';

/**
 * The purposes (last name parts) of the project orchestration's resources in the shared-services
 * account: the app names its resources with them, the diagram draws them.
 */
export const PROJECT_ORCHESTRATION_PURPOSES = {
  rule: 'smus-project-created',
  stateMachine: 'project-provisioning',
  reader: 'smus-project-reader',
  pullRequest: 'project-pull-request',
  tokenSecret: 'orchestration-github-token',
} as const;

export interface ProjectOrchestrationNames {
  readonly rule: string;
  readonly stateMachine: string;
  readonly reader: string;
  readonly pullRequest: string;
  readonly tokenSecret: string;
}

/**
 * `<platform>-shared-...` names of the orchestration, or undefined while the configuration has
 * no orchestration (no sharedServices section, or no domain ID recorded in sharedServices.domain).
 */
export function projectOrchestrationNames(
  config: PlatformConfiguration,
): ProjectOrchestrationNames | undefined {
  const shared = sharedServicesEnvironment(config);
  if (!shared || !config.platform.sharedServices?.domain?.domainId) return undefined;
  const namer = environmentNamer(config, shared);
  const purposes = PROJECT_ORCHESTRATION_PURPOSES;
  return {
    rule: namer.name('eventbridge-rule', purposes.rule),
    stateMachine: namer.name('sfn-state-machine', purposes.stateMachine),
    reader: namer.name('lambda-function', purposes.reader),
    pullRequest: namer.name('lambda-function', purposes.pullRequest),
    tokenSecret: namer.name('secretsmanager-secret', purposes.tokenSecret),
  };
}
