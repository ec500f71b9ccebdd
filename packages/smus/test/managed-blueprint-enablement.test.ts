import { resourcesOfType, synthesize, testStack } from '@genai-sandbox/core/testing';
import { DataZoneRole, ManagedBlueprintEnablement } from '../src';

function build(names: ('Tooling' | 'DataLake' | 'MLExperiments')[]) {
  const stack = testStack();
  const construct = new ManagedBlueprintEnablement(stack, 'Blueprints', {
    domainId: 'dzd_abc123',
    provisioningRoleArn: 'arn:aws:iam::111111111111:role/genai-dev-smus-provisioning',
    blueprints: names.map((name) => ({ name, id: `id${name}` })),
    regions: ['eu-west-1'],
    network: { vpcId: 'vpc-0123', subnetIds: ['subnet-a', 'subnet-b'] },
  });
  const json = synthesize(stack);
  return { construct, all: (type: string) => Object.values(resourcesOfType(json, type)) };
}

describe('ManagedBlueprintEnablement', () => {
  const { all } = build(['Tooling', 'DataLake']);

  it('enables each blueprint by its configured ID through the provider resource, in the given regions', () => {
    const configurations = all('aws_datazone_environment_blueprint_configuration');
    expect(configurations.map((c) => c.environment_blueprint_id).sort()).toEqual([
      'idDataLake',
      'idTooling',
    ]);
    for (const configuration of configurations) {
      expect(configuration).toMatchObject({
        domain_id: 'dzd_abc123',
        enabled_regions: ['eu-west-1'],
        provisioning_role_arn: 'arn:aws:iam::111111111111:role/genai-dev-smus-provisioning',
      });
    }
  });

  it('runs Tooling in the platform subnets; the other blueprints need no network', () => {
    const byId = (id: string) =>
      all('aws_datazone_environment_blueprint_configuration').find(
        (c) => c.environment_blueprint_id === id,
      );
    const [tooling, dataLake] = [byId('idTooling'), byId('idDataLake')];
    expect(tooling?.regional_parameters).toEqual({
      'eu-west-1': { VpcId: 'vpc-0123', Subnets: '${join(",", ["subnet-a", "subnet-b"])}' },
    });
    expect(dataLake?.regional_parameters).toBeUndefined();
  });

  it('fails without Tooling, whose exports the other blueprints read', () => {
    expect(() => build(['DataLake'])).toThrow('enable Tooling too');
  });
});

describe('DataZoneRole provisioning', () => {
  it('is assumed by DataZone for the domain account only and holds the documented managed policy alone', () => {
    const stack = testStack();
    const role = new DataZoneRole(stack, 'Provisioning', 'provisioning', '444444444444');
    const json = synthesize(stack);
    const [resource] = Object.values(resourcesOfType(json, 'aws_iam_role'));
    expect(resource.name).toBe('genai-dev-smus-provisioning');
    expect(JSON.parse(resource.assume_role_policy as string).Statement).toEqual([
      {
        Sid: 'DataZoneForTheDomainAccount',
        Effect: 'Allow',
        Principal: { Service: 'datazone.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': '444444444444' } },
      },
    ]);
    expect(
      Object.values(resourcesOfType(json, 'aws_iam_role_policy_attachment')).map(
        (a) => a.policy_arn,
      ),
    ).toEqual([
      'arn:aws:iam::aws:policy/service-role/SageMakerStudioProjectProvisioningRolePolicy',
    ]);
    expect(resourcesOfType(json, 'aws_iam_role_policy')).toEqual({});
    expect(() =>
      role.addToPolicy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }),
    ).toThrow('a provisioning role holds only its managed policy');
  });
});
