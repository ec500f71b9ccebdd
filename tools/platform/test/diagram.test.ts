import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlatformConfiguration, type PlatformConfiguration } from '@genai-sandbox/config';
import {
  type ConfigurationFixture,
  configurationFixture,
  writeConfigurationFixture,
} from '@genai-sandbox/config/testing';
import { CliError } from '../src/errors';
import { mermaidId, promotionDiagram } from '../src/diagram/promotion-diagram';
import {
  DIAGRAM_DOCUMENT,
  DIAGRAM_END_MARKER,
  DIAGRAM_START_MARKER,
  defaultRepoRoot,
  writePromotionDiagram,
} from '../src/diagram/write-diagram';

// No Mermaid parser is installed in node_modules, so `parseFlowchart` checks the subset of the
// syntax the generator emits, strictly: any other line fails the test.
const ID = '[A-Za-z][A-Za-z0-9_]*';
const QUOTED = '"[^"]*"';
const SUBGRAPH = new RegExp(`^ *subgraph (${ID})\\[(${QUOTED})\\]$`);
const NODE = new RegExp(
  `^ *(${ID})(?:\\[(${QUOTED})\\]|\\(\\[(${QUOTED})\\]\\)|\\[\\((${QUOTED})\\)\\])$`,
);
const EDGE = new RegExp(`^ *(${ID}) (-->|-\\.->|==>|-\\.-)(?:\\|(${QUOTED})\\|)? (${ID})$`);

/** Words Mermaid's flowchart lexer reads as keywords at the start of a token. */
const KEYWORD_START =
  /^(end|default|style|linkStyle|interpolate|classDef|class|click|call|href|graph|flowchart|subgraph|_self|_blank|_parent|_top)/;

interface Flowchart {
  /** Node or subgraph ID -> the top-level subgraph it is in (`env_dev`, `github`). */
  readonly placement: Map<string, string | undefined>;
  readonly labels: Map<string, string>;
  readonly edges: { from: string; arrow: string; label?: string; to: string }[];
}

function parseFlowchart(text: string): Flowchart {
  const lines = text.split('\n');
  expect(lines[0]).toBe('flowchart LR');
  expect(lines.at(-1)).toBe('');
  const placement = new Map<string, string | undefined>();
  const labels = new Map<string, string>();
  const edges: Flowchart['edges'] = [];
  const open: string[] = [];
  const declare = (id: string, text: string) => {
    if (placement.has(id)) throw new Error(`${id} is declared twice`);
    if (KEYWORD_START.test(id)) throw new Error(`${id} starts with a Mermaid keyword`);
    placement.set(id, open[0] ?? id);
    labels.set(id, text.slice(1, -1));
  };
  for (const line of lines.slice(1, -1)) {
    const subgraph = SUBGRAPH.exec(line);
    const node = NODE.exec(line);
    const edge = EDGE.exec(line);
    if (subgraph) {
      declare(subgraph[1], subgraph[2]);
      open.push(subgraph[1]);
    } else if (line.trim() === 'end') {
      if (open.pop() === undefined) throw new Error('"end" without a subgraph');
    } else if (node) {
      if (open.length === 0) throw new Error(`${node[1]} is outside every subgraph`);
      declare(node[1], node[2] ?? node[3] ?? node[4]);
    } else if (edge) {
      edges.push({
        from: edge[1],
        arrow: edge[2],
        label: edge[3]?.slice(1, -1),
        to: edge[4],
      });
    } else if (!line.trim().startsWith('%% ')) {
      throw new Error(`not a line the diagram should hold: ${JSON.stringify(line)}`);
    }
  }
  expect(open).toEqual([]);
  for (const { from, to } of edges) {
    expect(placement.has(from) ? from : `undeclared ${from}`).toBe(from);
    expect(placement.has(to) ? to : `undeclared ${to}`).toBe(to);
  }
  return { placement, labels, edges };
}

/** Edges whose ends lie in the subgraphs of two different environments, as `from-env -> to-env`. */
function crossAccountEdges(chart: Flowchart): string[] {
  return chart.edges.flatMap(({ from, to }) => {
    const [a, b] = [chart.placement.get(from), chart.placement.get(to)];
    return a?.startsWith('env_') && b?.startsWith('env_') && a !== b ? [`${a} -> ${b}`] : [];
  });
}

/** The comment and edge lines, which follow the subgraphs. */
function edgeLines(diagram: string): string[] {
  return diagram.split('\n').filter((line) => EDGE.test(line) || line.startsWith('  %% '));
}

/** The edges of one hop of a fixture-shaped chain (one group, one project). */
function hopEdges(from: string, to: string): string[] {
  return [
    `  %% ${from} -> ${to}`,
    `  registry_${from} -->|"state change"| bus_${from}_default`,
    `  bus_${from}_default --> rule_genai_${from}_forward_approvals`,
    `  rule_genai_${from}_forward_approvals -.->|"as"| role_genai_${from}_forward_approvals`,
    `  rule_genai_${from}_forward_approvals -.->|"after retries"| queue_genai_${from}_forward_approvals_dlq`,
    `  rule_genai_${from}_forward_approvals ==>|"PutEvents"| bus_genai_${to}_promotion`,
    `  policy_genai_${to}_promotion -.- bus_genai_${to}_promotion`,
    `  bus_genai_${to}_promotion --> rule_genai_${to}_github_dispatch`,
    `  rule_genai_${to}_github_dispatch --> destination_genai_${to}_github_dispatch`,
    `  destination_genai_${to}_github_dispatch -->|"repository_dispatch model-approved"| job_promote_yml_${to}`,
    `  job_promote_yml_${to} -.->|"assumes, via genai-${to}-github-deploy"| role_genai_${to}_promotion`,
    `  role_genai_${to}_promotion -.->|"DescribeModelPackage, ListModelPackages, CreateModel"| registry_${from}`,
    `  role_genai_${to}_promotion -.->|"read artifacts/models/, kms:Decrypt via S3"| buckets_${from}`,
    `  role_genai_${to}_promotion -.->|"pull the promoted package's image only"| ecr_${from}`,
    `  role_genai_${to}_promotion ==>|"push it: layers, PutImage"| ecr_${to}`,
    `  role_genai_${to}_promotion ==>|"register PendingManualApproval; approve after apply and smoke tests"| registry_${to}`,
  ];
}

function load(fixture: ConfigurationFixture = configurationFixture()): PlatformConfiguration {
  return loadPlatformConfiguration(writeConfigurationFixture(fixture));
}

function fourEnvironments(): ConfigurationFixture {
  const fixture = configurationFixture();
  fixture.platform.promotionChain = ['dev', 'staging', 'test', 'prod'];
  fixture.environments.staging = {
    ...fixture.environments.test,
    accountId: '555555555555',
    network: { vpcCidr: '10.40.0.0/16' },
    stateBackend: { bucket: 'genai-tfstate-555555555555' },
  };
  return fixture;
}

function capture() {
  const lines: string[] = [];
  return {
    lines,
    output: { out: (text: string) => lines.push(text), err: (text: string) => lines.push(text) },
  };
}

describe('promotionDiagram', () => {
  const text = promotionDiagram(load());
  const lines = text.split('\n');

  it('draws one subgraph per environment of the chain, and one for GitHub', () => {
    expect(lines.filter((line) => line.startsWith('  subgraph '))).toEqual([
      '  subgraph env_dev["dev (account 111111111111, eu-west-1)"]',
      '  subgraph env_test["test (account 222222222222, eu-west-1)"]',
      '  subgraph env_prod["prod (account 333333333333, eu-west-1)"]',
      '  subgraph github["GitHub example-org/genai-sandbox"]',
    ]);
  });

  it('holds the plumbing of each environment, by position in the chain', () => {
    const chart = parseFlowchart(text);
    const inEnvironment = (name: string) =>
      [...chart.placement]
        .filter(([, env]) => env === `env_${name}`)
        .map(([id]) => id)
        .sort();
    expect(inEnvironment('dev')).toEqual([
      'bucket_genai_dev_fraud_detection_ml_111111111111',
      'buckets_dev',
      'bus_dev_default',
      'ecr_dev',
      'env_dev',
      'group_dev_genai_llm_finetuned',
      'queue_genai_dev_forward_approvals_dlq',
      'registry_dev',
      'role_genai_dev_forward_approvals',
      'rule_genai_dev_forward_approvals',
    ]);
    expect(inEnvironment('prod')).toEqual([
      'bus_genai_prod_promotion',
      'destination_genai_prod_github_dispatch',
      'ecr_prod',
      'env_prod',
      'group_prod_genai_llm_finetuned',
      'policy_genai_prod_promotion',
      'registry_prod',
      'role_genai_prod_promotion',
      'rule_genai_prod_github_dispatch',
    ]);
    expect(inEnvironment('test')).toEqual(
      [
        ...new Set(
          [...inEnvironment('dev'), ...inEnvironment('prod')].map((id) =>
            id.replace(/dev|prod/, 'test').replace('111111111111', '222222222222'),
          ),
        ),
      ].sort(),
    );
  });

  it('labels the bus policy with the previous account, source and detail type', () => {
    expect(lines).toContain(
      '    policy_genai_test_promotion["bus policy: PutEvents only from account 111111111111 (dev)<br/>source aws.sagemaker<br/>detail-type SageMaker Model Package State Change"]',
    );
    expect(lines).toContain(
      '    policy_genai_prod_promotion["bus policy: PutEvents only from account 222222222222 (test)<br/>source aws.sagemaker<br/>detail-type SageMaker Model Package State Change"]',
    );
    expect(lines).toContain(
      '    rule_genai_dev_forward_approvals["rule genai-dev-forward-approvals<br/>Model Package State Change, Approved"]',
    );
    expect(lines).toContain(
      '    role_genai_dev_forward_approvals["role genai-dev-forward-approvals<br/>events:PutEvents on genai-test-promotion only"]',
    );
    expect(lines).toContain(
      '    destination_genai_test_github_dispatch["API destination genai-test-github-dispatch<br/>POST /repos/example-org/genai-sandbox/dispatches"]',
    );
    expect(lines).toContain(
      '    job_promote_yml_prod["promote.yml job promote-prod<br/>GitHub environment prod<br/>promote, apply serving stacks, smoke tests, approve<br/>GenAI settings: job promote-genai-prod<br/>promote-genai, apply genai-bedrock, evaluation gate"]',
    );
  });

  it('draws the edges of each hop in the order an approval travels', () => {
    expect(edgeLines(text)).toEqual([...hopEdges('dev', 'test'), ...hopEdges('test', 'prod')]);
    expect(edgeLines(text)).toContain(
      '  role_genai_test_promotion -.->|"DescribeModelPackage, ListModelPackages, CreateModel"| registry_dev',
    );
    expect(parseFlowchart(text).edges).toHaveLength(30);
  });

  it('crosses accounts only between neighbours: events forward, reads backward', () => {
    expect(crossAccountEdges(parseFlowchart(text))).toEqual([
      'env_dev -> env_test',
      'env_test -> env_dev',
      'env_test -> env_dev',
      'env_test -> env_dev',
      'env_test -> env_prod',
      'env_prod -> env_test',
      'env_prod -> env_test',
      'env_prod -> env_test',
    ]);
  });

  it('draws the same hop for each pair of a four-environment chain', () => {
    const diagram = promotionDiagram(load(fourEnvironments()));
    const chart = parseFlowchart(diagram);
    const chain = ['dev', 'staging', 'test', 'prod'];
    const accounts: Record<string, string> = {
      dev: '111111111111',
      staging: '555555555555',
      test: '222222222222',
      prod: '333333333333',
    };
    expect(diagram.split('\n').filter((line) => line.startsWith('  subgraph env_'))).toEqual(
      chain.map((env) => `  subgraph env_${env}["${env} (account ${accounts[env]}, eu-west-1)"]`),
    );
    // The template reproduces the three-environment chain exactly, so it is the right one.
    expect([...hopEdges('dev', 'test'), ...hopEdges('test', 'prod')]).toEqual(edgeLines(text));
    expect(edgeLines(diagram)).toEqual(
      chain.slice(1).flatMap((to, index) => hopEdges(chain[index], to)),
    );
    chain.slice(1).forEach((to, index) => {
      const from = chain[index];
      expect(chart.labels.get(`policy_genai_${to}_promotion`)).toBe(
        `bus policy: PutEvents only from account ${accounts[from]} (${from})<br/>source aws.sagemaker<br/>detail-type SageMaker Model Package State Change`,
      );
      expect(chart.labels.get(`role_genai_${from}_forward_approvals`)).toContain(
        `events:PutEvents on genai-${to}-promotion only`,
      );
    });
    expect(crossAccountEdges(chart)).toEqual(
      chain
        .slice(1)
        .flatMap((to, index) => [
          `env_${chain[index]} -> env_${to}`,
          `env_${to} -> env_${chain[index]}`,
          `env_${to} -> env_${chain[index]}`,
          `env_${to} -> env_${chain[index]}`,
        ]),
    );
  });

  it('draws a one-environment chain as one subgraph and no edges', () => {
    const fixture = configurationFixture();
    fixture.platform.promotionChain = ['dev'];
    fixture.environments = { dev: fixture.environments.dev };
    const diagram = promotionDiagram(load(fixture));
    const chart = parseFlowchart(diagram);
    expect(chart.edges).toEqual([]);
    expect(diagram).toBe(
      [
        'flowchart LR',
        '  subgraph env_dev["dev (account 111111111111, eu-west-1)"]',
        '    subgraph registry_dev["SageMaker model registry"]',
        '      group_dev_genai_llm_finetuned["genai-llm-finetuned"]',
        '    end',
        '  end',
        '',
      ].join('\n'),
    );
  });

  it('leaves environments off the chain out', () => {
    const fixture = configurationFixture();
    fixture.platform.promotionChain = ['dev', 'prod'];
    const chart = parseFlowchart(promotionDiagram(load(fixture)));
    expect([...chart.placement.keys()].filter((id) => id.startsWith('env_'))).toEqual([
      'env_dev',
      'env_prod',
    ]);
    expect(crossAccountEdges(chart)).toEqual([
      'env_dev -> env_prod',
      'env_prod -> env_dev',
      'env_prod -> env_dev',
      'env_prod -> env_dev',
    ]);
  });

  it('keeps names that are Mermaid keywords away from the start of IDs', () => {
    const fixture = configurationFixture();
    fixture.platform.modelPackageGroups = [
      { name: 'end', description: 'A keyword' },
      { name: 'default', description: 'Another keyword' },
    ];
    fixture.environments.dev.projects = [{ name: 'class', profile: 'genai-full' }];
    const chart = parseFlowchart(promotionDiagram(load(fixture)));
    expect(chart.labels.get('group_dev_end')).toBe('end');
    expect(chart.labels.get('bucket_genai_dev_class_ml_111111111111')).toBe(
      'genai-dev-class-ml-111111111111',
    );
  });

  it('gives the same text for the same configuration, wherever it is read from', () => {
    const again = promotionDiagram(load());
    expect(again).toBe(text);
    expect(text).not.toContain(tmpdir());
  });

  it('draws the shared-services account and the path of a new SMUS project once the domain is named', () => {
    expect(promotionDiagram(load())).not.toContain('env_shared');
    const fixture = configurationFixture();
    (fixture.platform as Record<string, unknown>).sharedServices = {
      region: 'eu-west-1',
      stateBackend: { bucket: 'genai-tfstate-444444444444' },
      tags: { owner: 'ml-platform-team', costCenter: 'cc-4711' },
      domain: {
        name: 'genai-sandbox',
        singleSignOn: { type: 'IAM_IDC' },
        projectEnvironments: ['dev'],
        domainId: 'dzd_a1b2c3d4e5f6g7',
      },
    };
    const diagram = promotionDiagram(load(fixture));
    const chart = parseFlowchart(diagram);
    for (const id of [
      'domain_smus',
      'rule_genai_shared_smus_project_created',
      'machine_genai_shared_project_provisioning',
      'function_genai_shared_smus_project_reader',
      'function_genai_shared_project_pull_request',
    ])
      expect(chart.placement.get(id)).toBe('env_shared');
    expect(chart.labels.get('env_shared')).toBe(
      'shared services (account 444444444444, eu-west-1)',
    );
    expect(chart.placement.get('job_deploy_yml')).toBe('github');
    const path = diagram.slice(diagram.indexOf('  %% a new SageMaker Unified Studio project'));
    expect(edgeLines(path)).toEqual([
      '  %% a new SageMaker Unified Studio project',
      '  domain_smus -->|"Project Creation Succeeded"| bus_shared_default',
      '  bus_shared_default --> rule_genai_shared_smus_project_created',
      '  rule_genai_shared_smus_project_created ==>|"StartExecution, this machine only"| machine_genai_shared_project_provisioning',
      '  machine_genai_shared_project_provisioning -->|"1. read the project"| function_genai_shared_smus_project_reader',
      '  function_genai_shared_smus_project_reader -.->|"GetProject, GetProjectProfile, ListEnvironments, GetEnvironment, this domain only"| domain_smus',
      '  machine_genai_shared_project_provisioning -->|"2. request the deployment"| function_genai_shared_project_pull_request',
      '  function_genai_shared_project_pull_request -.->|"GetSecretValue"| secret_genai_shared_orchestration_github_token',
      '  function_genai_shared_project_pull_request ==>|"opens, once per project"| pr_environment_file',
      '  pr_environment_file -->|"merged"| job_deploy_yml',
      '  job_deploy_yml -.->|"job deploy-shared-services, GitHub environment shared-services: assumes"| role_genai_shared_github_deploy',
      '  role_genai_shared_github_deploy ==>|"applies the shared-services stack: domain, profiles, orchestration"| domain_smus',
      `  job_deploy_yml ==>|"deploys the project's blueprints, dev -> test -> prod"| env_dev`,
    ]);
    expect(chart.placement.get('role_genai_shared_github_deploy')).toBe('env_shared');
  });

  it('derives Mermaid IDs from names', () => {
    expect(mermaidId('job', 'promote.yml', 'test')).toBe('job_promote_yml_test');
    expect(mermaidId('bus', 'genai-test-promotion')).toBe('bus_genai_test_promotion');
  });
});

describe('writePromotionDiagram', () => {
  const README = [
    '# Platform',
    '',
    '## Promotion flow',
    '',
    'Prose before.',
    '',
    DIAGRAM_START_MARKER,
    'stale text',
    DIAGRAM_END_MARKER,
    '',
    '## Deploy an environment',
    '',
  ].join('\n');

  function repository(readme = README) {
    const repoRoot = mkdtempSync(join(tmpdir(), 'diagram-'));
    writeFileSync(join(repoRoot, 'README.md'), readme);
    const configDir = writeConfigurationFixture(configurationFixture(), join(repoRoot, 'env'));
    return { repoRoot, configDir };
  }

  it('writes docs/promotion-chain.md and the README block, then reports them up to date', () => {
    const { repoRoot, configDir } = repository();
    const diagram = promotionDiagram(loadPlatformConfiguration(configDir));
    const first = capture();
    expect(writePromotionDiagram({ configDir, repoRoot, check: false, output: first.output })).toBe(
      0,
    );
    expect(first.lines).toEqual([
      `Wrote ${join(repoRoot, DIAGRAM_DOCUMENT)}, ${join(repoRoot, 'README.md')}.`,
    ]);
    const document = readFileSync(join(repoRoot, DIAGRAM_DOCUMENT), 'utf8');
    expect(document).toMatch(
      /^# Promotion chain\n\n.*`npm run platform -- diagram`.*\n\n```mermaid\n/,
    );
    expect(document.endsWith(`\`\`\`mermaid\n${diagram}\`\`\`\n`)).toBe(true);
    expect(readFileSync(join(repoRoot, 'README.md'), 'utf8')).toBe(
      README.replace('stale text', `\n\`\`\`mermaid\n${diagram}\`\`\`\n`),
    );
    expect(existsSync(join(repoRoot, `${DIAGRAM_DOCUMENT}.tmp`))).toBe(false);

    const second = capture();
    expect(writePromotionDiagram({ configDir, repoRoot, check: true, output: second.output })).toBe(
      0,
    );
    expect(second.lines.join('\n')).toMatch(/up to date/);
    const third = capture();
    writePromotionDiagram({ configDir, repoRoot, check: false, output: third.output });
    expect(third.lines.join('\n')).toMatch(/up to date/);
  });

  it('fails with check when the configuration changed, names the files and writes nothing', () => {
    const { repoRoot, configDir } = repository();
    writePromotionDiagram({ configDir, repoRoot, check: false, output: capture().output });
    const fixture = configurationFixture();
    fixture.platform.github.repository = 'other-repository';
    writeConfigurationFixture(fixture, configDir);
    const before = readFileSync(join(repoRoot, 'README.md'), 'utf8');

    const checked = capture();
    expect(
      writePromotionDiagram({ configDir, repoRoot, check: true, output: checked.output }),
    ).toBe(1);
    expect(checked.lines).toEqual([
      `Out of date: ${join(repoRoot, DIAGRAM_DOCUMENT)}, ${join(repoRoot, 'README.md')}. Run "npm run platform -- diagram" and commit the result.`,
    ]);
    expect(readFileSync(join(repoRoot, 'README.md'), 'utf8')).toBe(before);
  });

  it('fails with check when only the README block was edited by hand', () => {
    const { repoRoot, configDir } = repository();
    writePromotionDiagram({ configDir, repoRoot, check: false, output: capture().output });
    const readme = join(repoRoot, 'README.md');
    writeFileSync(readme, readFileSync(readme, 'utf8').replace('flowchart LR', 'flowchart TB'));
    const checked = capture();
    expect(
      writePromotionDiagram({ configDir, repoRoot, check: true, output: checked.output }),
    ).toBe(1);
    expect(checked.lines.join('\n')).toContain(`Out of date: ${readme}. Run "npm run platform`);
  });

  it('fails when the README has no markers, before writing anything', () => {
    const { repoRoot, configDir } = repository('# Platform\n');
    mkdirSync(join(repoRoot, 'docs'));
    const run = () =>
      writePromotionDiagram({ configDir, repoRoot, check: false, output: capture().output });
    expect(run).toThrow(CliError);
    expect(run).toThrow(
      `${join(repoRoot, 'README.md')}: expected one line "${DIAGRAM_START_MARKER}" and, after it, one line "${DIAGRAM_END_MARKER}"; found 0 and 0.`,
    );
    expect(existsSync(join(repoRoot, DIAGRAM_DOCUMENT))).toBe(false);
  });

  it('fails when the markers are out of order', () => {
    const { repoRoot, configDir } = repository(`${DIAGRAM_END_MARKER}\n${DIAGRAM_START_MARKER}\n`);
    expect(() =>
      writePromotionDiagram({ configDir, repoRoot, check: true, output: capture().output }),
    ).toThrow('found 1 and 1 in the wrong order');
  });
});

describe('the committed diagram', () => {
  it('in README.md and docs/promotion-chain.md is generated from environments/ (run `npm run platform -- diagram` if this fails)', () => {
    const repoRoot = defaultRepoRoot();
    expect(repoRoot).toBe(join(__dirname, '../../..'));
    const checked = capture();
    const code = writePromotionDiagram({
      configDir: join(repoRoot, 'environments'),
      repoRoot,
      check: true,
      output: checked.output,
    });
    expect(checked.lines.join('\n')).toMatch(/up to date/);
    expect(code).toBe(0);
  });
});
