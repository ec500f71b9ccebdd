import {
  githubEnvironmentName,
  type PlatformConfiguration,
  platformRoleName,
  projectOrchestrationNames,
  SHARED_SERVICES_ENVIRONMENT,
  sharedServicesEnvironment,
  sharedServicesStackName,
} from '@genai-sandbox/config';
import { SHARED_SERVICES_DEPLOY_JOB } from '../workflows/deploy-workflow';
import { label, mermaidId } from './mermaid';

/**
 * What DataZone emits and the rule matches: PROJECT_CREATED_EVENT of @genai-sandbox/functions,
 * copied because a tool may not import the functions package.
 */
const PROJECT_CREATED_DETAIL_TYPE = 'Project Creation Succeeded';
const DATAZONE_READS = 'GetProject, GetProjectProfile, ListEnvironments, GetEnvironment';

const ids = {
  account: mermaidId('env', 'shared'),
  domain: mermaidId('domain', 'smus'),
  bus: mermaidId('bus', 'shared', 'default'),
  rule: (name: string) => mermaidId('rule', name),
  machine: (name: string) => mermaidId('machine', name),
  function: (name: string) => mermaidId('function', name),
  secret: (name: string) => mermaidId('secret', name),
  role: (name: string) => mermaidId('role', name),
  pullRequest: mermaidId('pr', 'environment', 'file'),
  deploy: mermaidId('job', 'deploy.yml'),
};

/**
 * The shared-services account with the project orchestration (docs/architecture.md#shared-services):
 * empty while the configuration has none.
 */
export function orchestrationSubgraph(config: PlatformConfiguration): string[] {
  const names = projectOrchestrationNames(config);
  const shared = sharedServicesEnvironment(config);
  if (!names || !shared) return [];
  return [
    `  subgraph ${ids.account}[${label(`shared services (account ${shared.accountId}, ${shared.region})`)}]`,
    `    ${ids.domain}[${label('SageMaker Unified Studio domain', config.platform.sharedServices?.domain?.domainId ?? '')}]`,
    `    ${ids.bus}([${label('default event bus')}])`,
    `    ${ids.rule(names.rule)}[${label(`rule ${names.rule}`, PROJECT_CREATED_DETAIL_TYPE)}]`,
    `    ${ids.machine(names.stateMachine)}[${label(`state machine ${names.stateMachine}`, 'retries with backoff, failures to the alarm topic')}]`,
    `    ${ids.function(names.reader)}[${label(`function ${names.reader}`)}]`,
    `    ${ids.function(names.pullRequest)}[${label(`function ${names.pullRequest}`)}]`,
    `    ${ids.secret(names.tokenSecret)}[(${label(`secret ${names.tokenSecret}`, 'GitHub token, set out of band')})]`,
    `    ${ids.role(deployRole(config))}[${label(`role ${deployRole(config)}`, `${sharedServicesStackName('bootstrap')}: deploys this account`)}]`,
    '  end',
  ];
}

/** The shared-services account's deploy role, which deploy.yml's job of that account assumes. */
function deployRole(config: PlatformConfiguration): string {
  const shared = sharedServicesEnvironment(config);
  return shared ? platformRoleName(config, shared, 'github-deploy') : '';
}

/** The orchestration's nodes in the GitHub subgraph. */
export function orchestrationGitHubNodes(config: PlatformConfiguration): string[] {
  if (!projectOrchestrationNames(config)) return [];
  return [
    `    ${ids.pullRequest}[${label('pull request smus/<env>/<project>', 'adds the project to environments/<env>.json')}]`,
    `    ${ids.deploy}[${label('deploy.yml', 'on merge to main')}]`,
  ];
}

/** The path of a new project, from DataZone's event to the deployment of its blueprints. */
export function orchestrationEdges(
  config: PlatformConfiguration,
  firstEnvironmentId: string | undefined,
): string[] {
  const names = projectOrchestrationNames(config);
  if (!names) return [];
  const edge = (source: string, arrow: string, target: string, text?: string) =>
    `  ${source} ${arrow}${text === undefined ? '' : `|${label(text)}|`} ${target}`;
  return [
    '  %% a new SageMaker Unified Studio project',
    edge(ids.domain, '-->', ids.bus, PROJECT_CREATED_DETAIL_TYPE),
    edge(ids.bus, '-->', ids.rule(names.rule)),
    edge(
      ids.rule(names.rule),
      '==>',
      ids.machine(names.stateMachine),
      'StartExecution, this machine only',
    ),
    edge(ids.machine(names.stateMachine), '-->', ids.function(names.reader), '1. read the project'),
    edge(ids.function(names.reader), '-.->', ids.domain, `${DATAZONE_READS}, this domain only`),
    edge(
      ids.machine(names.stateMachine),
      '-->',
      ids.function(names.pullRequest),
      '2. request the deployment',
    ),
    edge(ids.function(names.pullRequest), '-.->', ids.secret(names.tokenSecret), 'GetSecretValue'),
    edge(ids.function(names.pullRequest), '==>', ids.pullRequest, 'opens, once per project'),
    edge(ids.pullRequest, '-->', ids.deploy, 'merged'),
    edge(
      ids.deploy,
      '-.->',
      ids.role(deployRole(config)),
      `job ${SHARED_SERVICES_DEPLOY_JOB}, GitHub environment ${githubEnvironmentName(SHARED_SERVICES_ENVIRONMENT)}: assumes`,
    ),
    edge(
      ids.role(deployRole(config)),
      '==>',
      ids.domain,
      'applies the shared-services stack: domain, profiles, orchestration',
    ),
    ...(firstEnvironmentId
      ? [
          edge(
            ids.deploy,
            '==>',
            firstEnvironmentId,
            "deploys the project's blueprints, dev -> test -> prod",
          ),
        ]
      : []),
  ];
}
