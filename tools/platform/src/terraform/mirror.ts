import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const MIRROR_VARIABLE = 'TF_PROVIDER_MIRROR';

/** A provider a stack needs: `registry.terraform.io/hashicorp/aws` and its version constraint. */
export interface ProviderRequirement {
  readonly address: string;
  readonly type: string;
  /** An exact version when the constraint is one (cdktf pins them, e.g. "5.100.0"). */
  readonly version?: string;
  readonly constraint?: string;
}

const LAYOUT_HELP =
  'A filesystem mirror holds <mirror>/<host>/<namespace>/<type>/<version>/<os>_<arch>/terraform-provider-<type>_v<version>* ' +
  '(unpacked layout) or <mirror>/<host>/<namespace>/<type>/terraform-provider-<type>_<version>_<os>_<arch>.zip (packed layout). ' +
  '`terraform providers mirror <dir>` run in a stack directory on a machine with internet access creates one.';

/** The directory TF_PROVIDER_MIRROR names (set: without it providers come from the registry), or why it cannot be used. */
export function mirrorDirectory(env: NodeJS.ProcessEnv): { path: string } | { problem: string } {
  const path = env[MIRROR_VARIABLE] ?? '';
  if (!existsSync(path) || !statSync(path).isDirectory()) {
    return {
      problem: `${MIRROR_VARIABLE}=${path} is not a directory. Point it at the provider mirror, or unset it to install providers from registry.terraform.io. ${LAYOUT_HELP}`,
    };
  }
  return { path };
}

/** Every provider the given cdk.tf.json files require, without repeats. */
export function requiredProviders(stackFiles: readonly string[]): ProviderRequirement[] {
  const found = new Map<string, ProviderRequirement>();
  for (const file of stackFiles) {
    const stack = JSON.parse(readFileSync(file, 'utf8')) as {
      terraform?: { required_providers?: Record<string, { source?: string; version?: string }> };
    };
    for (const [name, requirement] of Object.entries(stack.terraform?.required_providers ?? {})) {
      const address = providerAddress(requirement.source ?? name);
      const constraint = requirement.version?.trim();
      const exact =
        constraint && /^=?\s*\d+\.\d+\.\d+$/.test(constraint)
          ? constraint.replace(/^=\s*/, '')
          : undefined;
      const key = `${address}@${constraint ?? ''}`;
      if (!found.has(key))
        found.set(key, { address, type: address.split('/')[2], version: exact, constraint });
    }
  }
  return [...found.values()].sort((a, b) => a.address.localeCompare(b.address));
}

/** Terraform's rules: `aws` and `hashicorp/aws` both mean registry.terraform.io/hashicorp/aws. */
export function providerAddress(source: string): string {
  const parts = source.toLowerCase().split('/');
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${parts[0]}/${parts[1]}`;
  return parts.join('/');
}

export interface MirrorInspection {
  /** What the mirror lacks for these providers on this platform, one message each. */
  readonly problems: readonly string[];
  /** Whether any needed provider is only in the packed (.zip) layout, which init must unpack. */
  readonly packed: boolean;
}

export function inspectMirror(
  mirror: string,
  requirements: readonly ProviderRequirement[],
  platform: string,
): MirrorInspection {
  const problems: string[] = [];
  let packed = false;
  for (const requirement of requirements) {
    const base = join(mirror, requirement.address);
    const versions = requirement.version ? [requirement.version] : availableVersions(base);
    const layouts = versions.map((version) =>
      buildLayout(base, requirement.type, version, platform),
    );
    if (layouts.includes('unpacked')) continue;
    if (layouts.includes('packed')) {
      packed = true;
      continue;
    }
    const wanted = requirement.version ?? 'any version';
    const expected = requirement.version
      ? `${join(base, requirement.version, platform)}/terraform-provider-${requirement.type}_v${requirement.version}* or ${join(base, `terraform-provider-${requirement.type}_${requirement.version}_${platform}.zip`)}`
      : `${join(base, '<version>', platform)}/`;
    problems.push(
      `${MIRROR_VARIABLE}=${mirror} has no ${requirement.address} ${wanted} for ${platform}` +
        `${requirement.constraint && !requirement.version ? ` (the stacks ask for ${requirement.constraint})` : ''}. ` +
        `Expected ${expected}. ${LAYOUT_HELP}`,
    );
  }
  return { problems, packed };
}

function availableVersions(base: string): string[] {
  if (!existsSync(base)) return [];
  const versions = new Set<string>();
  for (const entry of readdirSync(base)) {
    const packed = /^terraform-provider-[^_]+_(\d[^_]*)_/.exec(entry);
    versions.add(packed ? packed[1] : entry);
  }
  return [...versions];
}

function buildLayout(
  base: string,
  type: string,
  version: string,
  platform: string,
): 'unpacked' | 'packed' | undefined {
  const unpacked = join(base, version, platform);
  if (
    existsSync(unpacked) &&
    readdirSync(unpacked).some((file) => file.startsWith(`terraform-provider-${type}`))
  )
    return 'unpacked';
  return existsSync(join(base, `terraform-provider-${type}_${version}_${platform}.zip`))
    ? 'packed'
    : undefined;
}
