import {
  SHARED_SERVICES_ENVIRONMENT,
  sharedServicesStackName,
  chainPosition,
  checkName,
  containerRepositoryName,
  environmentNamer,
  type EnvironmentDefinition,
  loadPlatformConfiguration,
  mlBucketName,
  type NamedResource,
  permissionsBoundaryName,
  type PlatformConfiguration,
  platformKeyAliasName,
  platformRoleName,
  promotionBusName,
  promotionDispatchName,
  promotionDispatchQueueName,
  promotionForwarderName,
  promotionForwarderQueueName,
  stackName,
  stateKeyAliasName,
} from '@genai-sandbox/config';
import { join, resolve } from 'node:path';
import { checkedInPlatform } from './checked-in-platform';

/**
 * Every physical name in every stack of the checked-in configuration comes from the naming module
 * of packages/config: the platform-wide names are exactly what `platform-names.ts` computes for
 * the stack, every other name is `ResourceNamer.name` of the stack (its prefix, its service's
 * rules), and every bucket, alias, repository or role a stack names by ARN is one a stack creates.
 */
const ROOT = resolve(__dirname, '..', '..', '..');

/** Where each named resource type keeps its name, and the rule it must pass. */
const NAME_ATTRIBUTES: Readonly<Record<string, { attribute: string; rule: NamedResource }>> = {
  aws_s3_bucket: { attribute: 'bucket', rule: 's3-bucket' },
  aws_iam_role: { attribute: 'name', rule: 'iam-role' },
  aws_iam_policy: { attribute: 'name', rule: 'iam-policy' },
  aws_kms_alias: { attribute: 'name', rule: 'kms-alias' },
  aws_cloudwatch_log_group: { attribute: 'name', rule: 'log-group' },
  aws_security_group: { attribute: 'name', rule: 'security-group' },
  aws_cloudwatch_event_bus: { attribute: 'name', rule: 'event-bus' },
  aws_cloudwatch_event_rule: { attribute: 'name', rule: 'eventbridge-rule' },
  aws_cloudwatch_event_connection: { attribute: 'name', rule: 'eventbridge-rule' },
  aws_cloudwatch_event_api_destination: { attribute: 'name', rule: 'eventbridge-rule' },
  aws_cloudwatch_event_archive: { attribute: 'name', rule: 'eventbridge-archive' },
  aws_sqs_queue: { attribute: 'name', rule: 'sqs-queue' },
  aws_sns_topic: { attribute: 'name', rule: 'sns-topic' },
  aws_lambda_function: { attribute: 'function_name', rule: 'lambda-function' },
  aws_ecr_repository: { attribute: 'name', rule: 'ecr-repository' },
  aws_glue_catalog_database: { attribute: 'name', rule: 'glue-database' },
  aws_glue_crawler: { attribute: 'name', rule: 'glue' },
  aws_glue_security_configuration: { attribute: 'name', rule: 'glue' },
  aws_glue_data_quality_ruleset: { attribute: 'name', rule: 'glue' },
  aws_athena_workgroup: { attribute: 'name', rule: 'athena-workgroup' },
  aws_sagemaker_pipeline: { attribute: 'pipeline_name', rule: 'sagemaker' },
  aws_sagemaker_mlflow_tracking_server: { attribute: 'tracking_server_name', rule: 'sagemaker' },
  aws_sagemaker_model_package_group: { attribute: 'model_package_group_name', rule: 'sagemaker' },
};

/** Resources named by a `Name` tag (EC2 has no name attribute). */
const NAME_TAGGED = ['aws_vpc', 'aws_subnet', 'aws_route_table', 'aws_vpc_endpoint'];

/**
 * References to resources no stack creates, each deliberate: the SageMaker Unified Studio project
 * roles of the configuration (`smusProjectRoleArn`), which SMUS creates and the CI roles may
 * attach the blueprints' grants to (checked below); nothing else since the shared-services
 * account has a bootstrap stack (its state key). Exact, so a new dangling reference fails.
 */
const DANGLING_REFERENCES: string[] = [];

interface Stack {
  readonly name: string;
  readonly app: string;
  readonly environment: EnvironmentDefinition;
  readonly project?: string;
  readonly text: string;
  readonly json: { resource?: Record<string, Record<string, Record<string, unknown>>> };
}

/** Names by resource type that the naming module says a stack creates, exactly. */
function platformNames(
  config: PlatformConfiguration,
  stack: Stack,
): Partial<Record<string, string[]>> {
  const { environment } = stack;
  const { previous, next } = chainPosition(config, environment.name);
  const groups = config.platform.modelPackageGroups.map((group) => group.name);
  switch (stack.app) {
    case 'bootstrap':
      return {
        aws_kms_alias: [stateKeyAliasName(config, environment)],
        aws_iam_role: [
          platformRoleName(config, environment, 'github-plan'),
          platformRoleName(config, environment, 'github-deploy'),
          ...(config.platform.sharedServices?.domain?.projectEnvironments.includes(environment.name)
            ? [platformRoleName(config, environment, 'smus-provisioning')]
            : []),
          ...(environment.name === SHARED_SERVICES_ENVIRONMENT &&
          config.platform.sharedServices?.domain
            ? [
                platformRoleName(config, environment, 'smus-domain-execution'),
                platformRoleName(config, environment, 'smus-domain-service'),
              ]
            : []),
        ],
      };
    case 'foundation':
      return {
        aws_kms_alias: [platformKeyAliasName(config, environment)],
        aws_cloudwatch_event_bus: previous ? [promotionBusName(config, environment)] : [],
        aws_sqs_queue: [
          ...(next ? [promotionForwarderQueueName(config, environment)] : []),
          ...(previous ? [promotionDispatchQueueName(config, environment)] : []),
        ],
        aws_cloudwatch_event_rule: [
          ...(next ? [promotionForwarderName(config, environment)] : []),
          ...(previous ? [promotionDispatchName(config, environment)] : []),
        ],
        aws_ecr_repository: groups.map((group) =>
          containerRepositoryName(config, environment, group),
        ),
        aws_sagemaker_model_package_group: groups,
      };
    default:
      return {};
  }
}

/** Names the naming module computes that a stack creates among others of its type. */
function platformNamesAmongOthers(
  config: PlatformConfiguration,
  stack: Stack,
): Partial<Record<string, string[]>> {
  const { environment } = stack;
  const { previous, next } = chainPosition(config, environment.name);
  switch (stack.app) {
    case 'bootstrap':
      return {
        aws_s3_bucket: [environment.stateBackend.bucket],
        aws_iam_policy: [permissionsBoundaryName(config, environment)],
      };
    case 'foundation':
      return {
        aws_s3_bucket: environment.projects.map((project) =>
          mlBucketName(config, environment, project.name),
        ),
        aws_iam_role: [
          ...(previous
            ? [
                platformRoleName(config, environment, 'promotion'),
                promotionDispatchName(config, environment),
              ]
            : []),
          ...(next ? [promotionForwarderName(config, environment)] : []),
        ],
      };
    default:
      return {};
  }
}

/** Names that configuration gives as they are, rather than the naming module. */
function configuredNames(config: PlatformConfiguration, stack: Stack): string[] {
  return [
    stack.environment.stateBackend.bucket,
    ...config.platform.modelPackageGroups.map((group) => group.name),
  ];
}

function namesOf(stack: Stack, type: string): string[] {
  const { attribute } = NAME_ATTRIBUTES[type];
  return Object.values(stack.json.resource?.[type] ?? {}).map(
    (resource) => resource[attribute] as string,
  );
}

/** `ResourceNamer.name` of the stack: its prefix, in the form its rule takes. */
function followsStackNamer(
  config: PlatformConfiguration,
  stack: Stack,
  rule: NamedResource,
  name: string,
): boolean {
  const namer = environmentNamer(config, stack.environment, stack.project);
  const { platform, environment, accountId } = namer.context;
  switch (rule) {
    case 's3-bucket':
      return name.startsWith(`${namer.prefix}-`) && name.endsWith(`-${accountId}`);
    case 'kms-alias':
      return name.startsWith(`alias/${namer.prefix}-`);
    case 'log-group':
      return name.startsWith(
        `/${[platform, environment, stack.project].filter(Boolean).join('/')}/`,
      );
    case 'glue-database':
      return name.startsWith(`${namer.prefix.replace(/-/g, '_')}_`);
    default:
      return name.startsWith(`${namer.prefix}-`);
  }
}

describe('physical names of every stack', () => {
  const config = loadPlatformConfiguration(join(ROOT, 'environments'));
  let stacks: Stack[] = [];

  beforeAll(async () => {
    stacks = (await checkedInPlatform()).map((stack) => ({
      ...stack,
      json: JSON.parse(stack.text) as Stack['json'],
    }));
  });

  it('builds every app in every environment of the checked-in configuration', () => {
    const apps = new Set(stacks.map((stack) => stack.app));
    expect([...apps].sort()).toEqual([
      'bootstrap',
      'data-preprocessing',
      'foundation',
      'genai-bedrock',
      'inference-async',
      'inference-batch',
      'inference-realtime',
      'inference-serverless',
      'model-training',
      'shared-services',
    ]);
    expect(stacks.length).toBeGreaterThanOrEqual(12);
    // The shared-services stack is one per platform, named after its app; bootstrap has one
    // in that account too.
    for (const stack of stacks)
      expect(stack.name).toBe(
        stack.app === 'shared-services'
          ? stack.app
          : stack.environment.name === SHARED_SERVICES_ENVIRONMENT
            ? sharedServicesStackName(stack.app)
            : stackName(stack.app, stack.environment.name, stack.project),
      );
    expect(stacks.map((stack) => stack.name)).toContain('bootstrap-shared-services');
  });

  it('names the platform-wide resources exactly as the naming module does', () => {
    let compared = 0;
    for (const stack of stacks) {
      for (const [type, expected] of Object.entries(platformNames(config, stack))) {
        expect({ stack: stack.name, type, names: namesOf(stack, type).sort() }).toEqual({
          stack: stack.name,
          type,
          names: [...(expected ?? [])].sort(),
        });
        compared += expected?.length ?? 0;
      }
      for (const [type, expected] of Object.entries(platformNamesAmongOthers(config, stack))) {
        expect({ stack: stack.name, type, names: namesOf(stack, type) }).toEqual({
          stack: stack.name,
          type,
          names: expect.arrayContaining(expected ?? []),
        });
        compared += expected?.length ?? 0;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(40);
  });

  it('gives every other resource a name of the stack namer that passes its service rule', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const stack of stacks) {
      const configured = configuredNames(config, stack);
      for (const [type, { rule }] of Object.entries(NAME_ATTRIBUTES)) {
        for (const name of namesOf(stack, type)) {
          checked += 1;
          if (typeof name !== 'string') {
            wrong.push(`${stack.name} ${type}: name ${JSON.stringify(name)} is not a literal`);
            continue;
          }
          try {
            checkName(rule, name);
          } catch (error) {
            wrong.push(`${stack.name} ${type}: ${(error as Error).message}`);
          }
          if (!configured.includes(name) && !followsStackNamer(config, stack, rule, name))
            wrong.push(`${stack.name} ${type}: "${name}" is not a name of the stack's namer`);
        }
      }
      for (const type of NAME_TAGGED) {
        for (const resource of Object.values(stack.json.resource?.[type] ?? {})) {
          const name = (resource.tags as Record<string, string> | undefined)?.Name ?? '';
          checked += 1;
          if (!followsStackNamer(config, stack, 'ec2-name-tag', name))
            wrong.push(
              `${stack.name} ${type}: Name tag "${name}" is not a name of the stack's namer`,
            );
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(150);
  });

  it('refers by ARN only to buckets, key aliases, repositories and roles that a stack creates', () => {
    const created = (type: string) => new Set(stacks.flatMap((stack) => namesOf(stack, type)));
    const buckets = created('aws_s3_bucket');
    const aliases = created('aws_kms_alias');
    const repositories = created('aws_ecr_repository');
    const roles = created('aws_iam_role');
    const references: { kind: string; name: string; known: Set<string> }[] = [];
    for (const stack of stacks) {
      // Literal names only: a "-*" pattern or an interpolation is not a reference to one resource.
      for (const [, name] of stack.text.matchAll(
        /arn:aws:s3:::([a-z0-9][a-z0-9.-]*[a-z0-9])(?![\w.*-])/g,
      ))
        references.push({ kind: 'bucket', name, known: buckets });
      for (const [, name] of stack.text.matchAll(
        /arn:aws:kms:[a-z0-9-]+:\d{12}:(alias\/[\w/-]+)(?![\w/*-])/g,
      ))
        references.push({ kind: 'key alias', name, known: aliases });
      for (const [, name] of stack.text.matchAll(
        /arn:aws:ecr:[a-z0-9-]+:\d{12}:repository\/([a-z0-9._-]+)(?![\w.*-])/g,
      ))
        references.push({ kind: 'repository', name, known: repositories });
      for (const [, name] of stack.text.matchAll(
        /arn:aws:iam::\d{12}:role\/([\w+=,.@-]+)(?![\w+=,.@*/-])/g,
      ))
        references.push({ kind: 'role', name, known: roles });
    }
    const unknown = references
      .filter(({ name, known }) => !known.has(name))
      .map(({ kind, name }) => `${kind} ${name}`);
    const projectRoles = config.environments
      .flatMap((environment) => environment.projects)
      .flatMap((project) => (project.smusProjectRoleArn ? [project.smusProjectRoleArn] : []))
      .map((arn) => `role ${arn.split('/').pop()}`);
    expect(projectRoles.length).toBeGreaterThan(0);
    expect([...new Set(unknown)].sort()).toEqual(
      [...DANGLING_REFERENCES, ...new Set(projectRoles)].sort(),
    );
    expect(new Set(references.map(({ kind }) => kind))).toEqual(
      new Set(['bucket', 'key alias', 'repository', 'role']),
    );
  });
});
