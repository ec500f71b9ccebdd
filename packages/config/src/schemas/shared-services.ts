import { z } from 'zod';
import { region } from './common';
import { stateBackendSchema, tagsSchema } from './environment';

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
    domainId: z
      .string()
      .regex(/^dzd[-_][a-zA-Z0-9_-]{1,36}$/, {
        error: 'expected a SageMaker Unified Studio domain ID, "dzd_<id>"',
      })
      .optional()
      .describe(
        'ID of the SageMaker Unified Studio domain whose new projects the project orchestration provisions. Until it is set the stack has no orchestration.',
      ),
  })
  .describe(
    'The shared-services account (sharedServicesAccountId): where its stack deploys and keeps state.',
  );

export type SharedServicesConfig = z.infer<typeof sharedServicesSchema>;
