import { CloudformationStack } from '@cdktf/provider-aws/lib/cloudformation-stack';
import type { ManagedBlueprint } from '@genai-sandbox/config';
import { ConstructEnvironment } from '@genai-sandbox/core';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import {
  type BlueprintGrantResource,
  type DataZoneTemplate,
  type EnvironmentConfiguration,
  getAtt,
  type ProjectProfileResource,
} from './datazone-template';

/** One environment configuration of a profile, resolved to its blueprint ID, account and region. */
export interface ProfileEnvironmentSpec {
  readonly blueprint: ManagedBlueprint;
  readonly blueprintId: string;
  readonly deployment: 'on-create' | 'on-demand';
  readonly accountId: string;
  readonly region: string;
}

export interface ProjectProfileSpec {
  /** The SMUS profile name, `<profile>-<environment>` (smusProjectProfileName). */
  readonly name: string;
  readonly description: string;
  /** In the order of profileEnvironments: Tooling first. */
  readonly environments: readonly ProfileEnvironmentSpec[];
}

export interface ProjectProfilesProps {
  readonly domainId: string;
  readonly rootDomainUnitId: string;
  readonly profiles: readonly ProjectProfileSpec[];
  /** What must exist first: the domain. */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** Logical ID of a profile: letters and digits of its name, which CloudFormation requires. */
export const profileLogicalId = (name: string): string =>
  `Profile${name
    .split(/[^A-Za-z0-9]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')}`;

export const PROFILE_GRANT_LOGICAL_ID = 'AllUsersCreateProjectsFromProfiles';

/**
 * The blueprint configurations the profiles use, `<account>:<blueprint ID>` once each: projects
 * may create environments only from blueprint configurations they are granted.
 */
function blueprintGrants(props: {
  readonly domainId: string;
  readonly rootDomainUnitId: string;
  readonly profiles: readonly ProjectProfileSpec[];
}): Record<string, BlueprintGrantResource> {
  const grants: Record<string, BlueprintGrantResource> = {};
  for (const spec of props.profiles.flatMap((profile) => profile.environments)) {
    grants[`Blueprint${spec.blueprint}${spec.accountId}`] = {
      Type: 'AWS::DataZone::PolicyGrant',
      Properties: {
        DomainIdentifier: props.domainId,
        EntityType: 'ENVIRONMENT_BLUEPRINT_CONFIGURATION',
        EntityIdentifier: `${spec.accountId}:${spec.blueprintId}`,
        PolicyType: 'CREATE_ENVIRONMENT_FROM_BLUEPRINT',
        Detail: { CreateEnvironmentFromBlueprint: {} },
        Principal: {
          Project: {
            ProjectDesignation: 'CONTRIBUTOR',
            ProjectGrantFilter: {
              DomainUnitFilter: {
                DomainUnit: props.rootDomainUnitId,
                IncludeChildDomainUnits: true,
              },
            },
          },
        },
      },
    };
  }
  return grants;
}

function environmentConfiguration(spec: ProfileEnvironmentSpec): EnvironmentConfiguration {
  const onCreate = spec.deployment === 'on-create';
  return {
    Name: spec.blueprint,
    EnvironmentBlueprintId: spec.blueprintId,
    DeploymentMode: onCreate ? 'ON_CREATE' : 'ON_DEMAND',
    // Tooling deploys before the blueprints that read its exports.
    ...(onCreate ? { DeploymentOrder: spec.blueprint === 'Tooling' ? 0 : 1 } : {}),
    AwsAccount: { AwsAccountId: spec.accountId },
    AwsRegion: { RegionName: spec.region },
  };
}

/**
 * The template: one AWS::DataZone::ProjectProfile per profile and environment, its environment
 * configurations in the order given (the service matches them by position, so a change of order
 * would rewrite every configuration: Tooling stays first), one policy grant that lets every
 * user of the domain create projects from these profiles, and one per blueprint configuration
 * they use that lets the projects (contributors) create environments from it.
 */
export function projectProfilesTemplate(props: {
  readonly domainId: string;
  readonly rootDomainUnitId: string;
  readonly profiles: readonly ProjectProfileSpec[];
}): DataZoneTemplate {
  const problems = props.profiles.flatMap((profile) =>
    profile.environments[0]?.blueprint === 'Tooling'
      ? []
      : [`project profile ${profile.name}: the first environment configuration must be Tooling`],
  );
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const profiles: Record<string, ProjectProfileResource> = {};
  for (const profile of props.profiles) {
    profiles[profileLogicalId(profile.name)] = {
      Type: 'AWS::DataZone::ProjectProfile',
      Properties: {
        Name: profile.name,
        Description: profile.description,
        DomainIdentifier: props.domainId,
        DomainUnitIdentifier: props.rootDomainUnitId,
        Status: 'ENABLED',
        EnvironmentConfigurations: profile.environments.map(environmentConfiguration),
      },
    };
  }
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'SageMaker Unified Studio project profiles of the platform',
    Resources: {
      ...profiles,
      ...blueprintGrants(props),
      [PROFILE_GRANT_LOGICAL_ID]: {
        Type: 'AWS::DataZone::PolicyGrant',
        Properties: {
          DomainIdentifier: props.domainId,
          EntityType: 'DOMAIN_UNIT',
          EntityIdentifier: props.rootDomainUnitId,
          PolicyType: 'CREATE_PROJECT_FROM_PROJECT_PROFILE',
          Detail: {
            CreateProjectFromProjectProfile: {
              IncludeChildDomainUnits: true,
              ProjectProfiles: Object.keys(profiles).map((logicalId) => getAtt(logicalId, 'Id')),
            },
          },
          Principal: { User: { AllUsersGrantFilter: {} } },
        },
      },
    },
    Outputs: Object.fromEntries(
      Object.entries(profiles).map(([logicalId, profile]) => [
        logicalId,
        {
          Description: `ID of project profile ${profile.Properties.Name}`,
          Value: getAtt(logicalId, 'Id'),
        },
      ]),
    ),
  };
}

/**
 * The project profiles of platform.json as SageMaker Unified Studio project profiles, in a
 * CloudFormation stack (provider 5.100.0 has no project profile resource), so the profile a
 * user picks in the portal lists exactly the managed blueprints the platform configures.
 */
export class ProjectProfiles extends Construct {
  readonly template: DataZoneTemplate;
  readonly stack: CloudformationStack;

  constructor(scope: Construct, id: string, props: ProjectProfilesProps) {
    super(scope, id);
    this.template = projectProfilesTemplate(props);
    this.stack = new CloudformationStack(this, 'Resource', {
      name: ConstructEnvironment.of(this).naming.name(
        'cloudformation-stack',
        'smus-project-profiles',
      ),
      templateBody: JSON.stringify(this.template),
      onFailure: 'DELETE',
      timeoutInMinutes: 15,
      dependsOn: [...(props.dependsOn ?? [])],
    });
  }
}
