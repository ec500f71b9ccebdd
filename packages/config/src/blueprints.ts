/**
 * Blueprints a project profile can include (docs/architecture.md#blueprints).
 * Account-level apps (foundation, bootstrap, shared-services) are deployed once per environment
 * and are not part of a profile.
 */
export const PROJECT_BLUEPRINTS = [
  'data-preprocessing',
  'model-training',
  'inference-realtime',
  'inference-serverless',
  'inference-batch',
  'inference-async',
  'genai-bedrock',
] as const;
export type ProjectBlueprint = (typeof PROJECT_BLUEPRINTS)[number];

/** Blueprints that serve a model package pinned by `environments/releases/<env>.json`. */
export const INFERENCE_BLUEPRINTS = [
  'inference-realtime',
  'inference-serverless',
  'inference-batch',
  'inference-async',
] as const satisfies readonly ProjectBlueprint[];
export type InferenceBlueprint = (typeof INFERENCE_BLUEPRINTS)[number];

export const ACCOUNT_APPS = ['foundation', 'bootstrap', 'shared-services'] as const;
export type AccountApp = (typeof ACCOUNT_APPS)[number];
