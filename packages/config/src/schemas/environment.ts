import { z } from 'zod';
import { parseCidr } from '../cidr';
import { blueprintSettingsSchema, inferenceEnvironmentProblems } from './blueprints';
import { observabilityProblems, observabilitySchema } from './observability';
import {
  accountId,
  logRetentionDays,
  projectName,
  region,
  reportDuplicates,
  schemaReference,
} from './common';

/** Interface endpoints the networking package knows how to create (docs/architecture.md#packages). */
export const INTERFACE_ENDPOINT_SERVICES = [
  'sagemaker.api',
  'sagemaker.runtime',
  'bedrock',
  'bedrock-runtime',
  'bedrock-agent-runtime',
  'sts',
  'logs',
  'ecr.api',
  'ecr.dkr',
  'kms',
  'secretsmanager',
  'events',
  'states',
  'glue',
  'athena',
] as const;
export type InterfaceEndpointService = (typeof INTERFACE_ENDPOINT_SERVICES)[number];

const vpcCidr = z.string().superRefine((text, ctx) => {
  const parsed = parseCidr(text);
  if (typeof parsed === 'string') {
    ctx.addIssue({ code: 'custom', message: parsed, input: text });
  } else if (parsed.prefixLength < 16 || parsed.prefixLength > 24) {
    ctx.addIssue({
      code: 'custom',
      input: text,
      message: `expected a VPC prefix between /16 and /24 (AWS allows /16 to /28; the platform needs room for one /prefix+4 subnet per zone and tier), got /${parsed.prefixLength}`,
    });
  }
});

export const networkSchema = z.strictObject({
  vpcCidr: vpcCidr.describe(
    'IPv4 CIDR of the VPC, /16 to /24; must not overlap another environment.',
  ),
  internetEgress: z
    .boolean()
    .default(false)
    .describe(
      'Create an internet gateway, public subnets and NAT gateways. Off by default: the VPC reaches AWS through endpoints only.',
    ),
  interfaceEndpoints: z
    .array(
      z.enum(INTERFACE_ENDPOINT_SERVICES, {
        error: `expected an interface endpoint service: one of ${INTERFACE_ENDPOINT_SERVICES.join(', ')}`,
      }),
    )
    .default([...INTERFACE_ENDPOINT_SERVICES])
    .describe('Interface VPC endpoints to create; defaults to every service the blueprints use.'),
  flowLogRetentionDays: logRetentionDays
    .default(365)
    .describe('Retention of the VPC flow log group.'),
});

export const stateBackendSchema = z.strictObject({
  bucket: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
      error: 'expected an S3 bucket name (3-63 lower-case letters, digits, dots or hyphens)',
    })
    .describe('S3 bucket holding Terraform state in this account (created by the bootstrap app).'),
  region: region
    .optional()
    .describe('Region of the state bucket; defaults to the environment region.'),
  kmsKeyId: z
    .string()
    .regex(
      /^(arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[A-Za-z0-9/_-]+|alias\/[A-Za-z0-9/_-]+)$/,
      {
        error: 'expected a KMS key ARN, alias ARN, or "alias/<name>"',
      },
    )
    .optional()
    .describe(
      'KMS key for state objects; defaults to the state key of the bootstrap app, alias/<platform>-<env>-state.',
    ),
});

export const tagsSchema = z.strictObject({
  owner: z
    .string()
    .min(1)
    .max(256)
    .describe('Team that owns the environment; becomes the "owner" tag.'),
  costCenter: z.string().min(1).max(256).describe('Cost center; becomes the "cost-center" tag.'),
});

export const projectSchema = z.strictObject({
  name: projectName.describe('SMUS project name; part of every physical name of its stacks.'),
  profile: z.string().min(1).describe('A profile defined in platform.json.'),
  smusProjectRoleArn: z
    .string()
    .regex(/^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, {
      error:
        'expected the ARN of an IAM role, such as "arn:aws:iam::111111111111:role/datazone_usr_role_abc123_def456": the project role SageMaker Unified Studio shows on the project overview',
    })
    .optional()
    .describe(
      "The SageMaker Unified Studio project role, in this environment's account: each blueprint stack of the project grants it what the project's members need.",
    ),
  smusProjectId: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,36}$/, {
      error: 'expected a SageMaker Unified Studio project ID (1-36 letters, digits, _ or -)',
    })
    .optional()
    .describe(
      'The SageMaker Unified Studio project this entry deploys; the project orchestration writes it and finds the project by it.',
    ),
});

/** An IAM role or user of any account; the environment check narrows it to its own account. */
const iamPrincipalArn = z.string().regex(/^arn:aws:iam::\d{12}:(role|user)\/[\w+=,.@/-]{1,512}$/, {
  error:
    'expected the ARN of an IAM role or user, such as "arn:aws:iam::111111111111:role/data-platform-admin"',
});

export const lakeFormationSchema = z.strictObject({
  administrators: z
    .array(iamPrincipalArn)
    .default([])
    .describe(
      "Lake Formation data lake administrators of this account besides the platform's deploy role, which is always one. The platform owns the account's whole administrator list: anyone not listed here loses the role at the next foundation deploy.",
    ),
});

export const environmentSchema = z
  .strictObject({
    $schema: schemaReference,
    accountId: accountId.describe('The AWS account of this environment; stacks refuse any other.'),
    region: region.describe('The region every stack of this environment deploys to.'),
    availabilityZones: z
      .array(
        z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d[a-z]$/, {
          error: 'expected an availability zone name such as "eu-west-1a"',
        }),
      )
      .min(2, {
        error:
          'expected at least two availability zones (SageMaker domains need two private subnets)',
      })
      .max(6)
      .describe('Zones for the private subnets, from configuration so plans need no AWS call.'),
    network: networkSchema,
    stateBackend: stateBackendSchema,
    tags: tagsSchema,
    logRetentionDays: logRetentionDays
      .default(365)
      .describe('Retention of the platform log groups.'),
    preventDestroy: z
      .boolean()
      .default(false)
      .describe(
        'Set prevent_destroy on stateful resources (buckets, keys, registries). Required for the last environment of the promotion chain.',
      ),
    projects: z
      .array(projectSchema)
      .default([])
      .describe('SMUS projects deployed in this environment.'),
    lakeFormation: lakeFormationSchema
      .prefault({})
      .describe(
        'Lake Formation settings of the account (data lake administrators), applied by the foundation stack.',
      ),
    blueprints: blueprintSettingsSchema.prefault({}),
    observability: observabilitySchema.prefault({}),
  })
  .superRefine((environment, ctx) => {
    // zod still runs this when a field failed; an invalid region would make every zone look wrong.
    const regionIsValid = region.safeParse(environment.region).success;
    environment.availabilityZones.forEach((zone, index) => {
      if (regionIsValid && !zone.startsWith(environment.region)) {
        ctx.addIssue({
          code: 'custom',
          path: ['availabilityZones', index],
          input: zone,
          message: `zone is not in the environment region "${environment.region}"; use zones such as "${environment.region}a"`,
        });
      }
    });
    reportDuplicates(ctx, environment.availabilityZones, (zone) => zone, ['availabilityZones']);
    reportDuplicates(ctx, environment.network.interfaceEndpoints, (service) => service, [
      'network',
      'interfaceEndpoints',
    ]);
    reportDuplicates(ctx, environment.projects, (project) => project.name, ['projects'], ['name']);
    reportDuplicates(ctx, environment.lakeFormation.administrators, (arn) => arn, [
      'lakeFormation',
      'administrators',
    ]);
    environment.lakeFormation.administrators.forEach((arn, index) => {
      const account = /^arn:aws:iam::(\d{12}):/.exec(arn)?.[1];
      if (account && account !== environment.accountId) {
        ctx.addIssue({
          code: 'custom',
          path: ['lakeFormation', 'administrators', index],
          input: arn,
          message: `a data lake administrator must be a role or user of this environment's account ${environment.accountId}, not ${account}; use arn:aws:iam::${environment.accountId}:role/<name>`,
        });
      }
    });
    environment.projects.forEach((project, index) => {
      const account = /^arn:aws:iam::(\d{12}):/.exec(project.smusProjectRoleArn ?? '')?.[1];
      if (account && account !== environment.accountId) {
        ctx.addIssue({
          code: 'custom',
          path: ['projects', index, 'smusProjectRoleArn'],
          input: project.smusProjectRoleArn,
          message: `the project role must be a role of this environment's account ${environment.accountId}, not ${account}: the project's Tooling environment creates it there; copy the project role ARN of the project in this environment`,
        });
      }
    });
    observabilityProblems(environment, ctx);
    inferenceEnvironmentProblems(environment, ctx);
  })
  .describe('One environment (one AWS account) of the platform.');

export * from './blueprints';
export * from './observability';

export type EnvironmentConfig = z.infer<typeof environmentSchema>;
export type EnvironmentFileInput = z.input<typeof environmentSchema>;
export type ProjectConfig = z.infer<typeof projectSchema>;
