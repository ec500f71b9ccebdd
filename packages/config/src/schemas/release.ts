import { z } from 'zod';
import { INFERENCE_BLUEPRINTS } from '../blueprints';
import { modelPackageGroupName, projectName, schemaReference } from './common';

/** arn:aws:sagemaker:<region>:<account>:model-package/<group>/<version> */
export const MODEL_PACKAGE_ARN_PATTERN =
  /^arn:aws[a-z-]*:sagemaker:([a-z0-9-]+):(\d{12}):model-package\/([a-zA-Z0-9](?:-*[a-zA-Z0-9]){0,62})\/(\d+)$/;

export const releaseSchema = z.strictObject({
  project: projectName,
  blueprint: z.enum(INFERENCE_BLUEPRINTS, {
    error: `expected an inference blueprint: one of ${INFERENCE_BLUEPRINTS.join(', ')}`,
  }),
  modelPackageGroup: modelPackageGroupName.describe('A model package group of platform.json.'),
  modelPackageArn: z
    .string()
    .regex(MODEL_PACKAGE_ARN_PATTERN, {
      error:
        'expected a versioned model package ARN: arn:aws:sagemaker:<region>:<account>:model-package/<group>/<version>',
    })
    .describe("The approved model package in this environment's own registry."),
  sourceModelPackageArn: z
    .string()
    .regex(MODEL_PACKAGE_ARN_PATTERN, { error: 'expected a versioned model package ARN' })
    .optional()
    .describe(
      'The package it was promoted from (lineage); absent for models trained in this environment.',
    ),
  sourceEnvironment: z.string().optional().describe('The environment it was promoted from.'),
});

export const releaseManifestSchema = z
  .strictObject({
    $schema: schemaReference,
    releases: z.array(releaseSchema).default([]),
  })
  .describe(
    'Which approved model package each inference blueprint serves. Written by `platform promote`.',
  );

export type Release = z.infer<typeof releaseSchema>;
export type ReleaseManifest = z.infer<typeof releaseManifestSchema>;
