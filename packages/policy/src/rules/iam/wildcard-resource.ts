import type { Rule } from '../../types';
import { checkStatements, expand, grantingIdentityPolicies } from './statements';

/**
 * The check of the wildcard-resource rules: an Allow on Resource "*" of an action, at one of
 * `levels` (the catalogue's access levels), that supports resource-level permissions. `inWords`
 * names the levels in the message ("read or list").
 */
export function wildcardResourceCheck(levels: readonly string[], inWords: string): Rule['check'] {
  return ({ resource, stack, iam }) =>
    checkStatements(resource, grantingIdentityPolicies(stack, resource), (statement) => {
      if (statement.effect !== 'Allow' || !statement.resources.includes('*')) return [];
      return statement.actions.flatMap((pattern) => {
        const matching = expand(iam, pattern).filter(
          (action) =>
            action.hasResourceTypes &&
            action.accessLevel.split(', ').some((level) => levels.includes(level)),
        );
        if (matching.length === 0) return [];
        if (!/[*?]/.test(pattern))
          return [
            `grants ${pattern} (${matching[0].accessLevel}) on Resource "*"; it can be limited to named resources`,
          ];
        const service = pattern.slice(0, pattern.indexOf(':'));
        const examples = matching.slice(0, 3).map((action) => `${service}:${action.name}`);
        const more = matching.length > 3 ? ', ...' : '';
        return [
          `grants ${pattern} on Resource "*", which includes ${matching.length} ${inWords} ${matching.length === 1 ? 'action' : 'actions'} that can be limited to named resources (${examples.join(', ')}${more})`,
        ];
      });
    });
}
