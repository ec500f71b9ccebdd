import { join } from 'node:path';
import { cidrsOverlap, formatCidr, type Ipv4Cidr, parseCidr } from './cidr';
import type { ParsedFiles } from './types';
import type { ConfigProblem } from './problems';
import { MODEL_PACKAGE_ARN_PATTERN } from './schemas/release';
import { genaiSettingsProblems } from './genai-settings-checks';
import { sharedServicesProblems } from './shared-services';
import { smusDomainProblems } from './smus-domain';

/**
 * Checks that span files (docs/architecture.md#cross-file-checks). They run on whatever parsed, so a problem
 * in one file does not hide problems in another.
 */
export function crossFileProblems(parsed: ParsedFiles): ConfigProblem[] {
  return [
    ...distinctAccounts(parsed),
    ...distinctCidrs(parsed),
    ...chainNamesDefinedEnvironments(parsed),
    ...lastEnvironmentIsProtected(parsed),
    ...stateBackendInEnvironmentRegion(parsed),
    ...projectsUseDefinedProfiles(parsed),
    ...releasesMatchPlatform(parsed),
    ...modelTrainingGroupsExist(parsed),
    ...sharedServicesProblems(parsed),
    ...smusDomainProblems(parsed),
    ...genaiSettingsProblems(parsed),
  ];
}

function distinctAccounts({ environments }: ParsedFiles): ConfigProblem[] {
  const owner = new Map<string, string>();
  const problems: ConfigProblem[] = [];
  for (const environment of environments) {
    const first = owner.get(environment.value.accountId);
    if (first) {
      problems.push({
        file: environment.file,
        path: '$.accountId',
        received: JSON.stringify(environment.value.accountId),
        message: `account already used by environment "${first}"; each environment needs its own AWS account`,
      });
    } else {
      owner.set(environment.value.accountId, environment.name);
    }
  }
  return problems;
}

function distinctCidrs({ environments }: ParsedFiles): ConfigProblem[] {
  const seen: { name: string; cidr: Ipv4Cidr }[] = [];
  const problems: ConfigProblem[] = [];
  for (const environment of environments) {
    const cidr = parseCidr(environment.value.network.vpcCidr);
    if (typeof cidr === 'string') continue;
    const clash = seen.find((other) => cidrsOverlap(other.cidr, cidr));
    if (clash) {
      problems.push({
        file: environment.file,
        path: '$.network.vpcCidr',
        received: JSON.stringify(environment.value.network.vpcCidr),
        message: `overlaps ${formatCidr(clash.cidr)} of environment "${clash.name}"; give every environment a distinct range so the VPCs can be connected later`,
      });
    }
    seen.push({ name: environment.name, cidr });
  }
  return problems;
}

function chainNamesDefinedEnvironments({
  platform,
  environmentNames,
}: ParsedFiles): ConfigProblem[] {
  if (!platform) return [];
  const defined = environmentNames;
  return platform.value.promotionChain.flatMap((name, index) =>
    defined.includes(name)
      ? []
      : [
          {
            file: platform.file,
            path: `$.promotionChain[${index}]`,
            received: JSON.stringify(name),
            message: `no environment file ${name}.json next to platform.json; create it or remove "${name}" from the chain (defined environments: ${defined.join(', ') || 'none'})`,
          },
        ],
  );
}

function lastEnvironmentIsProtected({ platform, environments }: ParsedFiles): ConfigProblem[] {
  const last = platform?.value.promotionChain.at(-1);
  const environment = environments.find((candidate) => candidate.name === last);
  if (
    !environment ||
    environment.value.preventDestroy ||
    platform?.value.promotionChain.length === 1
  )
    return [];
  return [
    {
      file: environment.file,
      path: '$.preventDestroy',
      received: JSON.stringify(environment.value.preventDestroy),
      message: `"${environment.name}" is the last environment of the promotion chain and serves production; set "preventDestroy": true so Terraform refuses to destroy its buckets, keys and registries`,
    },
  ];
}

/**
 * The bootstrap app creates the state bucket with the environment's provider, so in the
 * environment's region; a backend pointing at another region would never find it.
 */
function stateBackendInEnvironmentRegion({ environments }: ParsedFiles): ConfigProblem[] {
  return environments.flatMap(({ file, value }) =>
    value.stateBackend.region === undefined || value.stateBackend.region === value.region
      ? []
      : [
          {
            file,
            path: '$.stateBackend.region',
            received: JSON.stringify(value.stateBackend.region),
            message: `the bootstrap app creates the state bucket in the environment's region "${value.region}"; remove stateBackend.region or set it to "${value.region}"`,
          },
        ],
  );
}

function projectsUseDefinedProfiles({ platform, environments }: ParsedFiles): ConfigProblem[] {
  if (!platform) return [];
  const profiles = Object.keys(platform.value.profiles);
  return environments.flatMap((environment) =>
    environment.value.projects.flatMap((project, index) =>
      profiles.includes(project.profile)
        ? []
        : [
            {
              file: environment.file,
              path: `$.projects[${index}].profile`,
              received: JSON.stringify(project.profile),
              message: `not a profile of platform.json; use one of: ${profiles.join(', ') || '(none defined)'}`,
            },
          ],
    ),
  );
}

function releasesMatchPlatform({
  platform,
  environmentNames,
  environments,
  releases,
}: ParsedFiles): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const manifest of releases) {
    const environment = environments.find((candidate) => candidate.name === manifest.name);
    if (!environment && environmentNames.includes(manifest.name)) continue;
    if (!environment) {
      problems.push({
        file: manifest.file,
        path: '$',
        message: `no environment "${manifest.name}" (expected ${join('..', `${manifest.name}.json`)}); rename the manifest after an environment or remove it`,
      });
      continue;
    }
    const seen = new Set<string>();
    manifest.value.releases.forEach((release, index) => {
      const at = (field: string) => `$.releases[${index}].${field}`;
      const add = (field: string, value: unknown, message: string) =>
        problems.push({
          file: manifest.file,
          path: at(field),
          received: JSON.stringify(value),
          message,
        });
      const key = `${release.project}/${release.blueprint}`;
      if (seen.has(key))
        add(
          'blueprint',
          release.blueprint,
          `a second release for ${key}; keep one entry per project and blueprint`,
        );
      seen.add(key);

      problems.push(
        ...unknownGroupProblems(
          platform,
          manifest.file,
          at('modelPackageGroup'),
          release.modelPackageGroup,
        ),
      );
      const project = environment.value.projects.find(
        (candidate) => candidate.name === release.project,
      );
      if (!project) {
        add(
          'project',
          release.project,
          `no such project in ${environment.name}.json; add the project there or remove this release`,
        );
      } else {
        const blueprints = platform?.value.profiles[project.profile]?.blueprints ?? [];
        if (platform?.value.profiles[project.profile] && !blueprints.includes(release.blueprint)) {
          add(
            'blueprint',
            release.blueprint,
            `profile "${project.profile}" of project "${project.name}" does not include this blueprint; it includes: ${blueprints.join(', ')}`,
          );
        }
      }
      const arn = MODEL_PACKAGE_ARN_PATTERN.exec(release.modelPackageArn);
      if (arn) {
        const [, region, account, group] = arn;
        if (account !== environment.value.accountId || region !== environment.value.region) {
          add(
            'modelPackageArn',
            release.modelPackageArn,
            `the package must be in this environment's registry (account ${environment.value.accountId}, region ${environment.value.region}); promote it with \`platform promote\` first`,
          );
        }
        if (group !== release.modelPackageGroup) {
          add(
            'modelPackageArn',
            release.modelPackageArn,
            `the ARN names group "${group}" but modelPackageGroup is "${release.modelPackageGroup}"; make them agree`,
          );
        }
      }
    });
  }
  return problems;
}

/** `blueprints.modelTraining.modelPackageGroup` of each environment names a group of platform.json. */
function modelTrainingGroupsExist({ platform, environments }: ParsedFiles): ConfigProblem[] {
  return environments.flatMap((environment) =>
    unknownGroupProblems(
      platform,
      environment.file,
      '$.blueprints.modelTraining.modelPackageGroup',
      environment.value.blueprints?.modelTraining?.modelPackageGroup,
    ),
  );
}

/** A reference to a model package group that platform.json does not define; none when unset. */
function unknownGroupProblems(
  platform: ParsedFiles['platform'],
  file: string,
  path: string,
  group: string | undefined,
): ConfigProblem[] {
  if (!platform || group === undefined) return [];
  const groups = platform.value.modelPackageGroups.map((candidate) => candidate.name);
  if (groups.includes(group)) return [];
  return [
    {
      file,
      path,
      received: JSON.stringify(group),
      message: `not a model package group of platform.json; use one of: ${groups.join(', ')}`,
    },
  ];
}
