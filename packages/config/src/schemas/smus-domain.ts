import { z } from 'zod';
import { environmentName } from './common';

/**
 * The console's "AmazonBedrockGenerativeAI" is a group, not a blueprint of the API: enabling it
 * enables these seven.
 */
export const BEDROCK_GENERATIVE_AI_GROUP = 'AmazonBedrockGenerativeAI';
export const BEDROCK_GENERATIVE_AI_BLUEPRINTS = [
  'AmazonBedrockChatAgent',
  'AmazonBedrockKnowledgeBase',
  'AmazonBedrockGuardrail',
  'AmazonBedrockFunction',
  'AmazonBedrockFlow',
  'AmazonBedrockPrompt',
  'AmazonBedrockEvaluation',
] as const;

/**
 * The service-managed blueprints of SageMaker Unified Studio the platform enables, by the names
 * ListEnvironmentBlueprints returns (`managed`). The order is the order of a project profile's
 * environment configurations: Tooling first, because the other managed blueprints read the
 * Tooling environment's exports and the service matches configurations by position.
 * `DataLake` is the console's "Lakehouse Database".
 */
export const MANAGED_BLUEPRINTS = [
  'Tooling',
  'DataLake',
  'LakehouseCatalog',
  'MLExperiments',
  ...BEDROCK_GENERATIVE_AI_BLUEPRINTS,
] as const;
export type ManagedBlueprint = (typeof MANAGED_BLUEPRINTS)[number];

/** What a profile may list: every managed blueprint but Tooling (always first, on create), or the Bedrock group. */
export const PROFILE_MANAGED_BLUEPRINT_CHOICES = [
  ...MANAGED_BLUEPRINTS.filter((name) => name !== 'Tooling'),
  BEDROCK_GENERATIVE_AI_GROUP,
] as const;

export const profileManagedBlueprintSchema = z
  .strictObject({
    blueprint: z.enum(PROFILE_MANAGED_BLUEPRINT_CHOICES as readonly string[] as [string], {
      error: `expected a managed blueprint: one of ${PROFILE_MANAGED_BLUEPRINT_CHOICES.join(', ')} (Tooling is always included, first)`,
    }),
    deployment: z
      .enum(['on-create', 'on-demand'])
      .default('on-demand')
      .describe(
        'on-create: deployed with every new project; on-demand: project members enable it when they need it.',
      ),
  })
  .describe('A SageMaker Unified Studio managed blueprint the profile offers.');

/** `dzd_` or `dzd-` and the ID DataZone assigns. */
export const DATAZONE_DOMAIN_ID_PATTERN = /^dzd[-_][a-zA-Z0-9_-]{1,36}$/;

export const smusDomainSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[\w -]{1,64}$/, {
        error: 'expected 1-64 letters, digits, spaces, hyphens or underscores',
      })
      .describe('The name of the SageMaker Unified Studio domain, shown in the portal.'),
    description: z.string().min(1).max(2048).optional(),
    singleSignOn: z
      .strictObject({
        type: z
          .enum(['IAM_IDC', 'DISABLED'])
          .describe('IAM_IDC: users sign in through IAM Identity Center; DISABLED: IAM only.'),
        userAssignment: z
          .enum(['AUTOMATIC', 'MANUAL'])
          .default('MANUAL')
          .describe(
            'MANUAL: an administrator adds each Identity Center user or group; AUTOMATIC: every user of the instance may sign in.',
          ),
        idcInstanceArn: z
          .string()
          .regex(/^arn:aws:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/, {
            error:
              'expected the ARN of an IAM Identity Center instance, such as "arn:aws:sso:::instance/ssoins-1234567890abcdef"',
          })
          .optional()
          .describe('The Identity Center instance; the organization instance when absent.'),
      })
      .describe('How users sign in to the domain.'),
    projectEnvironments: z
      .array(environmentName)
      .min(1)
      .describe(
        "The environments whose accounts projects deploy into: each profile becomes one SMUS project profile per environment, whose managed blueprints (Tooling first) run in that environment's account and region.",
      ),
    domainId: z
      .string()
      .regex(DATAZONE_DOMAIN_ID_PATTERN, {
        error:
          'expected a domain ID such as "dzd_a1b2c3d4e5f6g7": the smus_domain_id output of the shared-services stack',
      })
      .optional()
      .describe(
        'The domain ID, the smus_domain_id output of the shared-services stack once applied; the foundations of projectEnvironments enable the managed blueprints in their accounts with it. Until it is set they enable nothing.',
      ),
    blueprintIds: z
      .partialRecord(
        z.enum(MANAGED_BLUEPRINTS),
        z.string().regex(/^[a-zA-Z0-9_-]{1,36}$/, {
          error: 'expected a blueprint ID (1-36 letters, digits, _ or -)',
        }),
      )
      .optional()
      .describe(
        'IDs of the managed blueprints in this domain, from `aws datazone list-environment-blueprints --managed --domain-identifier <domain_id>` once the domain exists (apps/shared-services/README.md). Until every blueprint the profiles use has its ID, the stack creates the domain only.',
      ),
  })
  .describe(
    'The SageMaker Unified Studio (DataZone V2) domain of the shared-services account, in sharedServices.region.',
  );

export type SmusDomainConfig = z.infer<typeof smusDomainSchema>;
export type ProfileManagedBlueprint = z.infer<typeof profileManagedBlueprintSchema>;
