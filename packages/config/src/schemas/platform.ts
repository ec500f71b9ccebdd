import { z } from 'zod';
import { PROJECT_BLUEPRINTS } from '../blueprints';
import {
  accountId,
  environmentName,
  modelPackageGroupName,
  reportDuplicates,
  schemaReference,
} from './common';
import { OAM_SINK_ARN_PATTERN, sharedServicesSchema } from './shared-services';
import { profileManagedBlueprintSchema } from './smus-domain';

const profileName = z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, {
  error: 'expected 2-31 lower-case letters, digits or hyphens',
});

export const projectProfileSchema = z
  .strictObject({
    description: z
      .string()
      .min(1)
      .max(256)
      .describe('What the profile is for, shown to SMUS users.'),
    blueprints: z
      .array(
        z.enum(PROJECT_BLUEPRINTS, {
          error: `expected a blueprint name: one of ${PROJECT_BLUEPRINTS.join(', ')}`,
        }),
      )
      .min(1)
      .describe('The blueprints a project with this profile receives.'),
    managedBlueprints: z
      .array(profileManagedBlueprintSchema)
      .optional()
      .describe(
        'SageMaker Unified Studio managed blueprints the SMUS project profile offers besides Tooling, which it always deploys first. @default - Tooling only',
      ),
  })
  .describe('A named set of blueprints, as an SMUS project profile.');

export const platformSchema = z
  .strictObject({
    $schema: schemaReference,
    name: z
      .string()
      .regex(/^[a-z][a-z0-9]{1,9}$/, {
        error: 'expected 2-10 lower-case letters or digits starting with a letter, such as "genai"',
      })
      .describe('Prefix of every physical resource name.'),
    organizationId: z
      .string()
      .regex(/^o-[a-z0-9]{10,32}$/, {
        error: 'expected an AWS Organizations ID such as "o-a1b2c3d4e5"',
      })
      .describe('The AWS Organization that holds every environment account.'),
    sharedServicesAccountId: accountId.describe(
      'Account of the shared-services app (SMUS domain, central observability).',
    ),
    sharedServices: sharedServicesSchema.optional(),
    promotionChain: z
      .array(environmentName)
      .min(1)
      .describe(
        'Environments a model is promoted through, in order; each needs an <env>.json file.',
      ),
    github: z
      .strictObject({
        organization: z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/, {
          error: 'expected a GitHub organization or user name',
        }),
        repository: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, {
          error: 'expected a GitHub repository name, without the owner',
        }),
      })
      .describe('The repository whose workflows deploy and promote, trusted through OIDC.'),
    modelPackageGroups: z
      .array(
        z.strictObject({
          name: modelPackageGroupName,
          description: z.string().min(1).max(1024),
          smokeTest: z
            .strictObject({
              contentType: z.string().min(1).max(1024).default('application/json'),
              payload: z
                .record(z.string(), z.unknown())
                .describe('The JSON request body sent to the endpoint.'),
              expectKeys: z
                .array(z.string().min(1))
                .min(1)
                .describe(
                  'Keys the JSON answer must have (each element, when the answer is an array).',
                ),
            })
            .optional()
            .describe(
              "After a promotion, promote.yml invokes each endpoint that serves this group's new package with payload and checks the answer's shape.",
            ),
        }),
      )
      .min(1)
      .describe('SageMaker model package groups shared by every project of an environment.'),
    profiles: z
      .record(profileName, projectProfileSchema)
      .describe('Project profiles by name; a project in <env>.json names one.'),
  })
  .superRefine((platform, ctx) => {
    sinkArnMatchesSharedServices(platform, ctx);
    reportDuplicates(ctx, platform.promotionChain, (env) => env, ['promotionChain']);
    reportDuplicates(
      ctx,
      platform.modelPackageGroups,
      (group) => group.name,
      ['modelPackageGroups'],
      ['name'],
    );
    for (const [name, profile] of Object.entries(platform.profiles)) {
      reportDuplicates(ctx, profile.blueprints, (blueprint) => blueprint, [
        'profiles',
        name,
        'blueprints',
      ]);
      reportDuplicates(
        ctx,
        profile.managedBlueprints ?? [],
        (entry) => entry.blueprint,
        ['profiles', name, 'managedBlueprints'],
        ['blueprint'],
      );
    }
  })
  .describe('Platform-wide settings of the GenAI sandbox.');

/** The sink must be the one of the shared-services account and region, or no link can reach it. */
function sinkArnMatchesSharedServices(
  platform: {
    sharedServicesAccountId: string;
    sharedServices?: { region: string; oamSinkArn?: string };
  },
  ctx: z.RefinementCtx,
): void {
  const arn = platform.sharedServices?.oamSinkArn;
  const match = arn === undefined ? null : OAM_SINK_ARN_PATTERN.exec(arn);
  if (!match) return;
  const [, sinkRegion, sinkAccount] = match;
  if (
    sinkAccount !== platform.sharedServicesAccountId ||
    sinkRegion !== platform.sharedServices?.region
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['sharedServices', 'oamSinkArn'],
      input: arn,
      message: `the sink is in account ${sinkAccount}, region ${sinkRegion}; expected account ${platform.sharedServicesAccountId} (sharedServicesAccountId) and region ${platform.sharedServices?.region} (sharedServices.region): copy the sink_arn output of the shared-services stack`,
    });
  }
}

export type PlatformConfig = z.infer<typeof platformSchema>;
export type ProjectProfile = z.infer<typeof projectProfileSchema>;
