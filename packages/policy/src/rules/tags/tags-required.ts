import { COMPLIANT, nonCompliant, NOT_APPLICABLE, type Rule } from '../../types';

export const tagsRequired: Rule = {
  id: 'tags-required',
  title: 'Taggable resources carry the platform tags',
  explanation:
    'Cost allocation, ownership and the ABAC conditions of the platform read the platform, environment, blueprint, project, owner and cost-center tags; they are set once through the provider default_tags (docs/architecture.md#stacks).',
  fix: 'Create stacks with PlatformStack, which sets every required tag in default_tags from configuration; do not override a required tag with an empty value on a resource.',
  severity: 'error',
  resourceTypes: '*',
  check({ resource, stack, context }) {
    // With a plan, tags_all is the provider's own merge of default_tags and tags, and its
    // presence says the resource type is taggable at all.
    const planned = resource.planned;
    if (planned && !('tags_all' in planned)) return NOT_APPLICABLE;
    const tags: Record<string, unknown> = planned
      ? ((planned.tags_all ?? {}) as Record<string, unknown>)
      : { ...stack.defaultTags, ...((resource.config.tags ?? {}) as Record<string, unknown>) };
    const missing = context.requiredTags.filter(
      (tag) => typeof tags[tag] !== 'string' || (tags[tag] as string).trim() === '',
    );
    if (missing.length === 0) return COMPLIANT;
    return nonCompliant(
      `missing or empty tag${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (default_tags and the resource's tags together)`,
    );
  },
};
