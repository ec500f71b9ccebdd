import {
  type EnvironmentDefinition,
  missingBlueprintIds,
  type PlatformConfiguration,
  profileEnvironments,
  type SmusDomainConfig,
  smusProjectProfileName,
} from '@genai-sandbox/config';
import { PlatformKey } from '@genai-sandbox/security';
import {
  DomainShare,
  type ProjectProfileSpec,
  ProjectProfiles,
  SMUS_DOMAIN_KEY_PURPOSE,
  SmusDomain,
} from '@genai-sandbox/smus';
import { Annotations, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

export interface UnifiedStudioProps {
  readonly config: PlatformConfiguration;
  readonly domain: SmusDomainConfig;
}

/**
 * SageMaker Unified Studio in the shared-services account: the domain with its own key (its
 * roles are the account's bootstrap stack's, SmusDomainRoles), its
 * association with the environment accounts its projects deploy into, and the platform's
 * profiles as SMUS project profiles, one per profile and environment. The profiles need the
 * managed blueprints' IDs (platform.json sharedServices.domain.blueprintIds): until every ID a
 * profile uses is recorded, synth warns and creates the domain and the share only.
 */
export class UnifiedStudio extends Construct {
  readonly key: PlatformKey;
  readonly domain: SmusDomain;
  readonly share: DomainShare;
  readonly profiles?: ProjectProfiles;

  constructor(scope: Construct, id: string, props: UnifiedStudioProps) {
    super(scope, id);
    const { config, domain } = props;
    this.key = new PlatformKey(this, 'DomainKey', {
      // The domain's roles (bootstrap) are allowed this key by its alias.
      purpose: SMUS_DOMAIN_KEY_PURPOSE,
      description: `GenAI sandbox: SageMaker Unified Studio domain ${domain.name}`,
      allowCloudWatchLogs: false,
    });
    this.domain = new SmusDomain(this, 'Domain', { settings: domain, encryptionKey: this.key });
    forgetDomainRoles(this);
    const environments = domain.projectEnvironments.map((name) => environmentNamed(config, name));
    this.share = new DomainShare(this, 'AccountShare', {
      domain: this.domain,
      domainName: domain.name,
      accountIds: environments.map((environment) => environment.accountId),
    });
    const missing = missingBlueprintIds(domain, config.platform.profiles);
    if (missing.length > 0) {
      Annotations.of(this).addWarning(
        `No SMUS project profiles yet: platform.json sharedServices.domain.blueprintIds lacks ${missing.join(', ')}. Once the domain exists, record them from \`aws datazone list-environment-blueprints --managed --domain-identifier <domain_id>\` (apps/shared-services/README.md).`,
      );
      return;
    }
    this.profiles = new ProjectProfiles(this, 'ProjectProfiles', {
      domainId: this.domain.domainId,
      rootDomainUnitId: this.domain.rootDomainUnitId,
      profiles: profileSpecs(config, domain, environments),
      dependsOn: [this.domain.stack],
    });
  }
}

function environmentNamed(config: PlatformConfiguration, name: string): EnvironmentDefinition {
  const environment = config.environments.find((candidate) => candidate.name === name);
  // The cross-file checks refuse an unknown environment; reaching this is a bug.
  if (!environment)
    throw new Error(`sharedServices.domain.projectEnvironments: no environment ${name}`);
  return environment;
}

/** Every platform profile in every project environment, its managed blueprints in profile order. */
function profileSpecs(
  config: PlatformConfiguration,
  domain: SmusDomainConfig,
  environments: readonly EnvironmentDefinition[],
): ProjectProfileSpec[] {
  return environments.flatMap((environment) =>
    Object.entries(config.platform.profiles).map(([name, profile]) => ({
      name: smusProjectProfileName(name, environment.name),
      description:
        `${profile.description} (${environment.name}: platform blueprints ${profile.blueprints.join(', ')})`.slice(
          0,
          2048,
        ),
      environments: profileEnvironments(profile).map((entry) => ({
        ...entry,
        blueprintId: domain.blueprintIds?.[entry.blueprint] ?? '',
        accountId: environment.accountId,
        region: environment.region,
      })),
    })),
  );
}

/**
 * The domain's roles were this stack's until bootstrap-shared-services took them over (the deploy
 * role may not create unbounded roles). `removed` blocks with destroy false make Terraform forget
 * them instead of destroying them where this stack created them; the administrator imports them
 * into the bootstrap stack (apps/shared-services/README.md, "Upgrading"). Where this stack never
 * had them, the blocks change nothing.
 */
const FORMER_DOMAIN_ROLE_ADDRESSES = [
  'aws_iam_role.UnifiedStudio_Domain_ExecutionRole_A716A90E',
  'aws_iam_role_policy.UnifiedStudio_Domain_ExecutionRole_Policy_BC9882EC',
  'aws_iam_role_policy_attachment.UnifiedStudio_Domain_ExecutionRole_ManagedPolicy_26BD33E0',
  'aws_iam_role.UnifiedStudio_Domain_ServiceRole_C6379BE5',
  'aws_iam_role_policy.UnifiedStudio_Domain_ServiceRole_Policy_BD722C79',
  'aws_iam_role_policy_attachment.UnifiedStudio_Domain_ServiceRole_ManagedPolicy_A7E01E26',
];

function forgetDomainRoles(scope: Construct): void {
  TerraformStack.of(scope).addOverride(
    'removed',
    FORMER_DOMAIN_ROLE_ADDRESSES.map((from) => ({ from, lifecycle: { destroy: false } })),
  );
}
