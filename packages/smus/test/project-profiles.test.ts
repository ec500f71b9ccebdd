import { profileEnvironments } from '@genai-sandbox/config';
import { resourcesOfType, synthesize, testStack } from '@genai-sandbox/core/testing';
import {
  PROFILE_GRANT_LOGICAL_ID,
  type ProfileEnvironmentSpec,
  ProjectProfiles,
  projectProfilesTemplate,
} from '../src';

const AT = { accountId: '111111111111', region: 'eu-west-1' } as const;

/** The specs of a profile as the shared-services stack builds them: profileEnvironments order. */
function specsOf(
  managedBlueprints: Parameters<typeof profileEnvironments>[0]['managedBlueprints'],
): ProfileEnvironmentSpec[] {
  return profileEnvironments({
    description: 'd',
    blueprints: ['model-training'],
    managedBlueprints,
  }).map((entry) => ({ ...entry, ...AT, blueprintId: `id-${entry.blueprint}` }));
}

describe('projectProfilesTemplate', () => {
  const template = projectProfilesTemplate({
    domainId: 'dzd_abc123',
    rootDomainUnitId: 'root123',
    profiles: [
      {
        name: 'genai-full-dev',
        description: 'All',
        // The file lists them out of order; the profile must not follow it.
        environments: specsOf([
          { blueprint: 'MLExperiments', deployment: 'on-demand' },
          { blueprint: 'DataLake', deployment: 'on-create' },
        ]),
      },
      { name: 'inference-only-dev', description: 'Serve', environments: specsOf(undefined) },
    ],
  });
  const profile = template.Resources.ProfileGenaiFullDev;

  it('keeps Tooling first, then the service order, whatever order the file gives (matched by position)', () => {
    if (profile.Type !== 'AWS::DataZone::ProjectProfile') throw new Error('not a profile');
    expect(profile.Properties.EnvironmentConfigurations.map((c) => c.Name)).toEqual([
      'Tooling',
      'DataLake',
      'MLExperiments',
    ]);
    expect(profile.Properties.EnvironmentConfigurations[0]).toEqual({
      Name: 'Tooling',
      EnvironmentBlueprintId: 'id-Tooling',
      DeploymentMode: 'ON_CREATE',
      DeploymentOrder: 0,
      AwsAccount: { AwsAccountId: '111111111111' },
      AwsRegion: { RegionName: 'eu-west-1' },
    });
    expect(profile.Properties.EnvironmentConfigurations[2]).not.toHaveProperty('DeploymentOrder');
    expect(profile.Properties).toMatchObject({
      Name: 'genai-full-dev',
      DomainIdentifier: 'dzd_abc123',
      DomainUnitIdentifier: 'root123',
      Status: 'ENABLED',
    });
  });

  it('lets every user create projects from exactly these profiles', () => {
    expect(template.Resources[PROFILE_GRANT_LOGICAL_ID]).toEqual({
      Type: 'AWS::DataZone::PolicyGrant',
      Properties: {
        DomainIdentifier: 'dzd_abc123',
        EntityType: 'DOMAIN_UNIT',
        EntityIdentifier: 'root123',
        PolicyType: 'CREATE_PROJECT_FROM_PROJECT_PROFILE',
        Detail: {
          CreateProjectFromProjectProfile: {
            IncludeChildDomainUnits: true,
            ProjectProfiles: [
              { 'Fn::GetAtt': ['ProfileGenaiFullDev', 'Id'] },
              { 'Fn::GetAtt': ['ProfileInferenceOnlyDev', 'Id'] },
            ],
          },
        },
        Principal: { User: { AllUsersGrantFilter: {} } },
      },
    });
  });

  it('fails when a profile does not start with Tooling', () => {
    expect(() =>
      projectProfilesTemplate({
        domainId: 'dzd_abc123',
        rootDomainUnitId: 'root123',
        profiles: [
          { name: 'broken-dev', description: 'x', environments: specsOf(undefined).slice(1) },
        ],
      }),
    ).toThrow('project profile broken-dev: the first environment configuration must be Tooling');
  });
});

describe('ProjectProfiles', () => {
  it('deploys the template as a CloudFormation stack named after the environment', () => {
    const stack = testStack();
    const profiles = new ProjectProfiles(stack, 'Profiles', {
      domainId: 'dzd_abc123',
      rootDomainUnitId: 'root123',
      profiles: [{ name: 'p-dev', description: 'x', environments: specsOf(undefined) }],
    });
    const [cfn] = Object.values(resourcesOfType(synthesize(stack), 'aws_cloudformation_stack'));
    expect(cfn).toMatchObject({ name: 'genai-dev-smus-project-profiles', on_failure: 'DELETE' });
    expect(JSON.parse(cfn.template_body as string)).toEqual(profiles.template);
  });
});

describe('blueprint grants', () => {
  it('lets contributing projects create environments from each blueprint configuration the profiles use, once each', () => {
    const template = projectProfilesTemplate({
      domainId: 'dzd_abc123',
      rootDomainUnitId: 'root123',
      profiles: [
        { name: 'a-dev', description: 'x', environments: specsOf(undefined) },
        {
          name: 'b-dev',
          description: 'y',
          environments: specsOf([{ blueprint: 'DataLake', deployment: 'on-create' }]),
        },
      ],
    });
    const grants = Object.entries(template.Resources).filter(
      ([, resource]) =>
        resource.Type === 'AWS::DataZone::PolicyGrant' &&
        resource.Properties.EntityType === 'ENVIRONMENT_BLUEPRINT_CONFIGURATION',
    );
    expect(grants.map(([id]) => id)).toEqual([
      'BlueprintTooling111111111111',
      'BlueprintDataLake111111111111',
    ]);
    expect(grants[0][1].Properties).toEqual({
      DomainIdentifier: 'dzd_abc123',
      EntityType: 'ENVIRONMENT_BLUEPRINT_CONFIGURATION',
      EntityIdentifier: '111111111111:id-Tooling',
      PolicyType: 'CREATE_ENVIRONMENT_FROM_BLUEPRINT',
      Detail: { CreateEnvironmentFromBlueprint: {} },
      Principal: {
        Project: {
          ProjectDesignation: 'CONTRIBUTOR',
          ProjectGrantFilter: {
            DomainUnitFilter: { DomainUnit: 'root123', IncludeChildDomainUnits: true },
          },
        },
      },
    });
  });
});
