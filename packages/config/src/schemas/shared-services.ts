import { z } from 'zod';
import { region } from './common';
import { stateBackendSchema, tagsSchema } from './environment';
import { smusDomainSchema } from './smus-domain';

/** `arn:aws:oam:<region>:<account>:sink/<id>`, the form CloudWatch Observability Access Manager returns. */
export const OAM_SINK_ARN_PATTERN =
  /^arn:aws[a-z-]*:oam:([a-z0-9-]+):(\d{12}):sink\/[A-Za-z0-9-]+$/;

export const sharedServicesSchema = z
  .strictObject({
    region: region.describe('The region of the shared-services stack and its observability sink.'),
    stateBackend: stateBackendSchema.describe(
      'S3 bucket of the Terraform state in the shared-services account (see apps/shared-services/README.md).',
    ),
    tags: tagsSchema,
    oamSinkArn: z
      .string()
      .regex(OAM_SINK_ARN_PATTERN, {
        error:
          'expected the ARN of an observability sink, "arn:aws:oam:<region>:<account>:sink/<id>": the sink_arn output of the shared-services stack',
      })
      .optional()
      .describe(
        'ARN of the observability sink, the sink_arn output of the shared-services stack once applied; every foundation links to it. Until it is set no environment links.',
      ),
    domain: smusDomainSchema.optional(),
  })
  .describe(
    'The shared-services account (sharedServicesAccountId): where its stack deploys and keeps state.',
  );

export type SharedServicesConfig = z.infer<typeof sharedServicesSchema>;
