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

/** The first 16 hex digits of a SHA-256: see genaiSettingsVersionOf. */
export const GENAI_SETTINGS_VERSION_PATTERN = /^[0-9a-f]{16}$/;

const settingsVersion = z.string().regex(GENAI_SETTINGS_VERSION_PATTERN, {
  error:
    'expected a GenAI settings version: 16 lower-case hex digits, the name of a file in environments/genai/',
});

export const genaiSettingsPinSchema = z
  .strictObject({
    version: settingsVersion.describe(
      'The stored settings version this environment deploys: environments/genai/<version>.json.',
    ),
    sourceEnvironment: z.string().optional().describe('The environment it was promoted from.'),
    evaluatedVersion: settingsVersion
      .optional()
      .describe(
        'Written by `platform evaluate-genai --record` when every evaluation prompt passed against this environment; promotion onward requires it to equal version.',
      ),
  })
  .describe(
    'The GenAI settings version this environment serves. Written by `platform promote-genai`; without it the environment deploys its own blueprints.genaiBedrock.',
  );

export const releaseManifestSchema = z
  .strictObject({
    $schema: schemaReference,
    releases: z.array(releaseSchema).default([]),
    genaiSettings: genaiSettingsPinSchema.optional(),
  })
  .describe(
    'Which approved model package each inference blueprint serves, and which GenAI settings version the environment deploys. Written by `platform promote` and `platform promote-genai`.',
  );

export type Release = z.infer<typeof releaseSchema>;
export type ReleaseManifest = z.infer<typeof releaseManifestSchema>;
export type GenaiSettingsPin = z.infer<typeof genaiSettingsPinSchema>;
