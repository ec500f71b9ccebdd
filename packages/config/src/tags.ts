/** Tags every taggable resource carries, set once through the provider's default_tags (docs/architecture.md#stacks). */
export const REQUIRED_TAGS = [
  'platform',
  'environment',
  'blueprint',
  'project',
  'owner',
  'cost-center',
] as const;
export type RequiredTag = (typeof REQUIRED_TAGS)[number];
