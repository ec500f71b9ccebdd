/** The commands and their options: one table that both the parser and the help text read. */

export const COMMANDS = [
  'synth',
  'validate',
  'plan',
  'check',
  'schema',
  'diagram',
  'workflows',
  'preflight',
  'promote',
] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface OptionSpec {
  /** The long name, without the leading dashes. */
  readonly name: string;
  /** The placeholder shown in help; absent for boolean flags. */
  readonly value?: string;
  /** Repeatable and comma-separated, collected into a list. */
  readonly list?: boolean;
  readonly description: string;
  /** Shown in help. */
  readonly defaultText?: string;
  /** A one-letter alias, such as -h. */
  readonly short?: string;
}

export const DEFAULT_CONFIG_DIR = 'environments';
export const DEFAULT_OUT_DIR = 'cdktf.out';

const COMMON: readonly OptionSpec[] = [
  {
    name: 'config-dir',
    value: 'dir',
    description:
      'configuration directory holding platform.json, <env>.json and releases/ (relative to the current directory)',
    defaultText: DEFAULT_CONFIG_DIR,
  },
  {
    name: 'out',
    value: 'dir',
    description: 'output directory of synthesized stacks',
    defaultText: DEFAULT_OUT_DIR,
  },
  {
    name: 'app',
    value: 'name',
    list: true,
    description: 'only stacks of these apps (directories under apps/)',
  },
  { name: 'env', value: 'name', list: true, description: 'only stacks of these environments' },
  {
    name: 'project',
    value: 'name',
    list: true,
    description: 'only stacks of these SMUS projects (account-level apps have none)',
  },
];

const CONCURRENCY: OptionSpec = {
  name: 'concurrency',
  value: 'n',
  description: 'stacks run in parallel',
  defaultText: 'the number of CPUs (os.availableParallelism())',
};

export const REPORT_FORMATS = ['text', 'json', 'sarif'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const FORMAT: OptionSpec = {
  name: 'format',
  value: 'format',
  description: `report format: ${REPORT_FORMATS.join(', ')} (sarif for GitHub code scanning)`,
  defaultText: 'text',
};

const CHECK: OptionSpec = {
  name: 'check',
  description: 'write nothing; fail if a schema file is missing or out of date',
};

const HELP: OptionSpec = { name: 'help', short: 'h', description: 'show this help' };

// preflight checks one environment, so its --env takes one name and is required.
const PREFLIGHT_ENV: OptionSpec = {
  name: 'env',
  value: 'name',
  description: 'the environment whose account the credentials must be in (required)',
};

const ASSUME_ROLE: OptionSpec = {
  name: 'assume-role',
  value: 'arn',
  description:
    "then assume this role of the environment's account (role chaining) and check the new identity",
};

const PROMOTE_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'from',
    value: 'env',
    description: 'the environment whose registry holds the approved package (required)',
  },
  {
    name: 'to',
    value: 'env',
    description: 'the next environment of the promotion chain (required)',
  },
  {
    name: 'model-package-arn',
    value: 'arn',
    description: 'the approved, versioned model package in the source registry (required)',
  },
  { name: 'dry-run', description: 'check and print what would be done; change nothing' },
];

export interface CommandSpec {
  readonly name: CommandName;
  readonly summary: string;
  readonly details: readonly string[];
  readonly options: readonly OptionSpec[];
  readonly examples: readonly string[];
}

export const COMMAND_SPECS: Readonly<Record<CommandName, CommandSpec>> = {
  synth: {
    name: 'synth',
    summary: 'synthesize Terraform JSON for every stack of the configuration',
    details: [
      'Loads the configuration, discovers the apps under apps/ and writes <out>/stacks/<stack>/cdk.tf.json',
      'and <out>/manifest.json. Everything is built in a staging directory beside <out> and swapped in at the',
      'end: a run without filters replaces <out>; a filtered run replaces only the stacks it matches and keeps',
      'manifest.json listing every stack on disk. Invalid configuration writes nothing. Needs no AWS',
      'credentials and no terraform.',
    ],
    options: [...COMMON, HELP],
    examples: [
      'platform synth',
      'platform synth --env dev --app foundation',
      'platform synth --config-dir ../other-platform/environments --out /tmp/other.out',
    ],
  },
  validate: {
    name: 'validate',
    summary: 'run terraform validate on synthesized stacks',
    details: [
      'Per stack: terraform init -backend=false, then terraform validate -json, in a work directory',
      'under <out>/.work/. Prints every diagnostic (severity, summary, detail, address). Run synth first.',
      'Providers come only from the filesystem mirror named by TF_PROVIDER_MIRROR.',
    ],
    options: [...COMMON, CONCURRENCY, HELP],
    examples: [
      'TF_PROVIDER_MIRROR=/opt/tf-plugins platform validate',
      'platform validate --env dev --concurrency 2',
    ],
  },
  plan: {
    name: 'plan',
    summary: 'run an offline terraform plan on synthesized stacks',
    details: [
      'Per stack: terraform plan -refresh=false with a local backend, fake credentials and a provider that',
      'skips every AWS call, so no account is touched. Writes <out>/stacks/<stack>/plan.json (terraform show',
      '-json). Run synth first. Providers come only from the filesystem mirror named by TF_PROVIDER_MIRROR.',
    ],
    options: [...COMMON, CONCURRENCY, HELP],
    examples: [
      'TF_PROVIDER_MIRROR=/opt/tf-plugins platform plan',
      'platform plan --app foundation --env dev,test',
    ],
  },
  check: {
    name: 'check',
    summary: 'run the policy gate over synthesized stacks (and their plan.json when present)',
    details: [
      'Runs the baseline rule pack over every selected stack, and the prod pack on top where the environment',
      'sets "preventDestroy": true. Reads <out>/stacks/<stack>/cdk.tf.json and, when plan has written it,',
      'plan.json, whose resolved values take precedence. Prints findings grouped by stack with the resource',
      'address and the fix, and the suppressions with their reasons. Exits 1 on any error-level finding.',
    ],
    options: [...COMMON, FORMAT, HELP],
    examples: [
      'platform check',
      'platform check --env prod',
      'platform check --format sarif > policy.sarif',
    ],
  },
  schema: {
    name: 'schema',
    summary: 'write the JSON Schemas of the configuration files, for editors',
    details: [
      'Generates <config-dir>/schema/{platform,environment,release}.schema.json from the zod schemas that',
      'the loader uses, so an editor flags the same mistakes as synth. The example files name them with',
      '"$schema". Run it after changing a schema in packages/config; --check fails when one is out of date.',
    ],
    options: [COMMON[0], CHECK, HELP],
    examples: ['platform schema', 'platform schema --check'],
  },
  diagram: {
    name: 'diagram',
    summary:
      'draw the promotion chain (accounts, buses, rules, roles, grants) as a Mermaid diagram',
    details: [
      'Generates the diagram from the configuration alone and writes it to docs/promotion-chain.md and into',
      'README.md between the promotion-diagram markers, so a reviewer sees the flow instead of reading JSON.',
      '--check fails when either is out of date.',
    ],
    options: [COMMON[0], CHECK, HELP],
    examples: ['platform diagram', 'platform diagram --check'],
  },
  workflows: {
    name: 'workflows',
    summary: 'generate the GitHub Actions workflows (ci, deploy, promote) from the configuration',
    details: [
      'Writes .github/workflows/{ci,deploy,promote}.yml from environments/: the promotion chain, accounts, regions',
      'and the role ARNs the bootstrap stacks create. Run it after changing the chain or an account;',
      '--check fails when a committed workflow differs from what the configuration gives.',
    ],
    options: [COMMON[0], CHECK, HELP],
    examples: ['platform workflows', 'platform workflows --check'],
  },
  preflight: {
    name: 'preflight',
    summary: "check with STS that the AWS credentials are in the environment's account",
    details: [
      "Calls STS GetCallerIdentity in the environment's region with the AWS SDK's default credentials (the",
      'variables set by aws-actions/configure-aws-credentials, AWS_PROFILE, ...) and exits 1 unless the caller is',
      'in the account of <env>.json. With --assume-role it then assumes that role of the same account',
      '(session platform-preflight-<env>) and checks the new identity too. Run it before any terraform command',
      'that uses real credentials. AWS_ENDPOINT_URL_STS overrides the endpoint.',
    ],
    options: [COMMON[0], PREFLIGHT_ENV, ASSUME_ROLE, HELP],
    examples: [
      'platform preflight --env dev',
      'platform preflight --env test --assume-role arn:aws:iam::222222222222:role/genai-test-promotion',
    ],
  },
  promote: {
    name: 'promote',
    summary: 'promote an approved model package one hop along the chain and record the release',
    details: [
      "Runs preflight for <to> and assumes <to>'s promotion role; checks that the package is Approved in <from>'s",
      "registry; copies its artifact into the same project's ML bucket of <to> (artifacts/models/, re-encrypted",
      "with <to>'s key); registers it in <to>'s registry, Approved, with the source ARN as lineage; then writes",
      '<config-dir>/releases/<to>.json. A second run changes nothing. AWS_ENDPOINT_URL_STS, _S3 and _SAGEMAKER',
      'override the endpoints.',
    ],
    options: [COMMON[0], ...PROMOTE_OPTIONS, HELP],
    examples: [
      'platform promote --from dev --to test --model-package-arn arn:aws:sagemaker:eu-west-1:111111111111:model-package/genai-llm-finetuned/3',
      'platform promote --from test --to prod --model-package-arn <arn> --dry-run',
    ],
  },
};
