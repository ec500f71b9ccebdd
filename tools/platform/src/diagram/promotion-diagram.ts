import {
  chainPosition,
  containerRepositoryName,
  type EnvironmentDefinition,
  mlBucketName,
  MODEL_APPROVAL_EVENT,
  platformRoleName,
  type PlatformConfiguration,
  PROMOTION_DISPATCH_EVENT,
  PROMOTION_WORKFLOW,
  promotionBusName,
  promotionDispatchName,
  promotionForwarderName,
  promotionForwarderQueueName,
  promotionHops,
} from '@genai-sandbox/config';
import { promoteJobId } from '../workflows/promote-workflow';
import { label, mermaidId } from './mermaid';
import {
  orchestrationEdges,
  orchestrationGitHubNodes,
  orchestrationSubgraph,
} from './orchestration-diagram';
import { promoteGenaiJobId } from '../workflows/promote-genai-jobs';

export { mermaidId } from './mermaid';

// IDs of the nodes and subgraphs that edges refer to. Model package groups and the default bus
// have the same name in every account, so their IDs carry the environment name.
const ids = {
  environment: (environment: EnvironmentDefinition) => mermaidId('env', environment.name),
  registry: (environment: EnvironmentDefinition) => mermaidId('registry', environment.name),
  group: (environment: EnvironmentDefinition, group: string) =>
    mermaidId('group', environment.name, group),
  buckets: (environment: EnvironmentDefinition) => mermaidId('buckets', environment.name),
  images: (environment: EnvironmentDefinition) => mermaidId('ecr', environment.name),
  bucket: (name: string) => mermaidId('bucket', name),
  defaultBus: (environment: EnvironmentDefinition) => mermaidId('bus', environment.name, 'default'),
  forwardRule: (config: PlatformConfiguration, environment: EnvironmentDefinition) =>
    mermaidId('rule', promotionForwarderName(config, environment)),
  forwardRole: (config: PlatformConfiguration, environment: EnvironmentDefinition) =>
    mermaidId('role', promotionForwarderName(config, environment)),
  forwardQueue: (config: PlatformConfiguration, environment: EnvironmentDefinition) =>
    mermaidId('queue', promotionForwarderQueueName(config, environment)),
  promotionBus: (config: PlatformConfiguration, environment: EnvironmentDefinition) =>
    mermaidId('bus', promotionBusName(config, environment)),
  busPolicy: (config: PlatformConfiguration, environment: EnvironmentDefinition) =>
    mermaidId('policy', promotionBusName(config, environment)),
  dispatchRule: (config: PlatformConfiguration, environment: EnvironmentDefinition) =>
    mermaidId('rule', promotionDispatchName(config, environment)),
  destination: (config: PlatformConfiguration, environment: EnvironmentDefinition) =>
    mermaidId('destination', promotionDispatchName(config, environment)),
  promotionRole: (config: PlatformConfiguration, environment: EnvironmentDefinition) =>
    mermaidId('role', platformRoleName(config, environment, 'promotion')),
  job: (environment: EnvironmentDefinition) =>
    mermaidId('job', PROMOTION_WORKFLOW, environment.name),
};

/**
 * What the previous registry's resource policy grants the promotion role: MODEL_PACKAGE_READ_ACTIONS
 * of @genai-sandbox/registry, copied because a tool may not import a construct package.
 */
const REGISTRY_READ_ACTIONS = ['DescribeModelPackage', 'ListModelPackages', 'CreateModel'];

/**
 * The promotion chain as a Mermaid `flowchart LR` (docs/architecture.md#event-flow): one subgraph per
 * environment of the chain with the plumbing it holds, the shared-services account with the
 * project orchestration when it has one, one for GitHub, then the edges of each hop in chain
 * order and those of the orchestration. Derived from configuration alone, so the same configuration always
 * gives the same text and the committed copies can be checked like generated code.
 */
export function promotionDiagram(config: PlatformConfiguration): string {
  const chain = config.platform.promotionChain.flatMap((name) =>
    config.environments.filter((environment) => environment.name === name),
  );
  const lines = ['flowchart LR'];
  for (const environment of chain) lines.push(...environmentSubgraph(config, environment));

  lines.push(...orchestrationSubgraph(config));

  const receiving = chain.filter((environment) => chainPosition(config, environment.name).previous);
  const orchestrated = orchestrationGitHubNodes(config);
  if (receiving.length > 0 || orchestrated.length > 0) {
    const { organization, repository } = config.platform.github;
    lines.push(`  subgraph github[${label(`GitHub ${organization}/${repository}`)}]`);
    lines.push(...orchestrated);
    for (const environment of receiving) {
      lines.push(
        `    ${ids.job(environment)}[${label(
          `${PROMOTION_WORKFLOW} job ${promoteJobId(environment.name)}`,
          `GitHub environment ${environment.name}`,
          'promote, apply serving stacks, smoke tests, approve',
          `GenAI settings: job ${promoteGenaiJobId(environment.name)}`,
          'promote-genai, apply genai-bedrock, evaluation gate',
        )}]`,
      );
    }
    lines.push('  end');
  }

  for (const { from, to } of promotionHops(config)) lines.push(...hopEdges(config, from, to));
  lines.push(...orchestrationEdges(config, chain[0] && ids.environment(chain[0])));
  return `${lines.join('\n')}\n`;
}

function environmentSubgraph(
  config: PlatformConfiguration,
  environment: EnvironmentDefinition,
): string[] {
  const { previous, next } = chainPosition(config, environment.name);
  const node = (id: string, shape: [string, string], ...text: string[]) =>
    `    ${id}${shape[0]}${label(...text)}${shape[1]}`;
  const box: [string, string] = ['[', ']'];
  const stadium: [string, string] = ['([', '])'];
  const cylinder: [string, string] = ['[(', ')]'];

  const lines = [
    `  subgraph ${ids.environment(environment)}[${label(
      `${environment.name} (account ${environment.accountId}, ${environment.region})`,
    )}]`,
  ];
  // Receiving side first: in a left-to-right chart, events arrive from the left.
  if (previous) {
    const bus = promotionBusName(config, environment);
    const dispatch = promotionDispatchName(config, environment);
    const { organization, repository } = config.platform.github;
    lines.push(
      node(ids.promotionBus(config, environment), stadium, `promotion bus ${bus}`),
      node(
        ids.busPolicy(config, environment),
        box,
        `bus policy: PutEvents only from account ${previous.accountId} (${previous.name})`,
        `source ${MODEL_APPROVAL_EVENT.source}`,
        `detail-type ${MODEL_APPROVAL_EVENT.detailType}`,
      ),
      node(ids.dispatchRule(config, environment), box, `rule ${dispatch}`),
      node(
        ids.destination(config, environment),
        box,
        `API destination ${dispatch}`,
        `POST /repos/${organization}/${repository}/dispatches`,
      ),
      node(
        ids.promotionRole(config, environment),
        box,
        `role ${platformRoleName(config, environment, 'promotion')}`,
      ),
    );
  }
  lines.push(`    subgraph ${ids.registry(environment)}[${label('SageMaker model registry')}]`);
  for (const group of config.platform.modelPackageGroups) {
    lines.push(`  ${node(ids.group(environment, group.name), box, group.name)}`);
  }
  lines.push('    end');
  // The repositories images travel between: only environments that promote or are promoted into.
  if (previous || next)
    lines.push(
      node(
        ids.images(environment),
        box,
        'ECR repositories',
        ...config.platform.modelPackageGroups.map((group) =>
          containerRepositoryName(config, environment, group.name),
        ),
      ),
    );
  if (next) {
    // Only buckets the next environment reads are part of the chain.
    if (environment.projects.length > 0) {
      lines.push(`    subgraph ${ids.buckets(environment)}[${label('ML buckets')}]`);
      for (const project of environment.projects) {
        const bucket = mlBucketName(config, environment, project.name);
        lines.push(`  ${node(ids.bucket(bucket), cylinder, bucket)}`);
      }
      lines.push('    end');
    }
    const forwarder = promotionForwarderName(config, environment);
    lines.push(
      node(ids.defaultBus(environment), stadium, 'default event bus'),
      node(
        ids.forwardRule(config, environment),
        box,
        `rule ${forwarder}`,
        `${MODEL_APPROVAL_EVENT.detailType.replace(/^SageMaker /, '')}, ${MODEL_APPROVAL_EVENT.approvedStatus}`,
      ),
      node(
        ids.forwardRole(config, environment),
        box,
        `role ${forwarder}`,
        `events:PutEvents on ${promotionBusName(config, next)} only`,
      ),
      node(
        ids.forwardQueue(config, environment),
        cylinder,
        `DLQ ${promotionForwarderQueueName(config, environment)}`,
      ),
    );
  }
  lines.push('  end');
  return lines;
}

/** The edges of one hop, in the order an approval travels, then the promotion role and its read grants. */
function hopEdges(
  config: PlatformConfiguration,
  from: EnvironmentDefinition,
  to: EnvironmentDefinition,
): string[] {
  const edge = (source: string, arrow: string, target: string, text?: string) =>
    `  ${source} ${arrow}${text === undefined ? '' : `|${label(text)}|`} ${target}`;
  const lines = [
    `  %% ${from.name} -> ${to.name}`,
    edge(ids.registry(from), '-->', ids.defaultBus(from), 'state change'),
    edge(ids.defaultBus(from), '-->', ids.forwardRule(config, from)),
    edge(ids.forwardRule(config, from), '-.->', ids.forwardRole(config, from), 'as'),
    edge(ids.forwardRule(config, from), '-.->', ids.forwardQueue(config, from), 'after retries'),
    edge(ids.forwardRule(config, from), '==>', ids.promotionBus(config, to), 'PutEvents'),
    edge(ids.busPolicy(config, to), '-.-', ids.promotionBus(config, to)),
    edge(ids.promotionBus(config, to), '-->', ids.dispatchRule(config, to)),
    edge(ids.dispatchRule(config, to), '-->', ids.destination(config, to)),
    edge(
      ids.destination(config, to),
      '-->',
      ids.job(to),
      `repository_dispatch ${PROMOTION_DISPATCH_EVENT}`,
    ),
    edge(
      ids.job(to),
      '-.->',
      ids.promotionRole(config, to),
      `assumes, via ${platformRoleName(config, to, 'github-deploy')}`,
    ),
    edge(
      ids.promotionRole(config, to),
      '-.->',
      ids.registry(from),
      REGISTRY_READ_ACTIONS.join(', '),
    ),
  ];
  if (from.projects.length > 0) {
    lines.push(
      edge(
        ids.promotionRole(config, to),
        '-.->',
        ids.buckets(from),
        'read artifacts/models/, kms:Decrypt via S3',
      ),
    );
  }
  lines.push(
    edge(
      ids.promotionRole(config, to),
      '-.->',
      ids.images(from),
      "pull the promoted package's image only",
    ),
    edge(ids.promotionRole(config, to), '==>', ids.images(to), 'push it: layers, PutImage'),
    edge(
      ids.promotionRole(config, to),
      '==>',
      ids.registry(to),
      'register PendingManualApproval; approve after apply and smoke tests',
    ),
  );
  return lines;
}
