import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadPlatformConfiguration } from '../src';
import {
  type ConfigurationFixture,
  configurationFixture,
  writeConfigurationFixture,
} from '../src/testing';

/** Loads a changed fixture and returns the problems it reports, or fails the test if it loads. */
function problemsOf(
  change: (fixture: ConfigurationFixture) => void,
  afterWrite?: (dir: string) => void,
) {
  const fixture = configurationFixture();
  change(fixture);
  const dir = writeConfigurationFixture(fixture);
  afterWrite?.(dir);
  try {
    loadPlatformConfiguration(dir);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return {
      problems: error.problems.map((problem) => ({
        ...problem,
        file: problem.file.slice(dir.length + 1),
      })),
      message: error.message,
    };
  }
  throw new Error('expected the configuration to be rejected');
}

describe('loadPlatformConfiguration', () => {
  it('loads the fixture with defaults applied and environments in chain order', () => {
    const config = loadPlatformConfiguration(writeConfigurationFixture());
    expect(config.environments.map((environment) => environment.name)).toEqual([
      'dev',
      'test',
      'prod',
    ]);
    const dev = config.environments[0];
    expect(dev.network.internetEgress).toBe(false);
    expect(dev.network.interfaceEndpoints).toContain('bedrock-runtime');
    expect(dev.logRetentionDays).toBe(365);
    expect(config.releases.dev).toEqual({ releases: [] });
  });

  it('loads the checked-in example configuration', () => {
    const config = loadPlatformConfiguration(join(__dirname, '../../../environments'));
    expect(config.environments.map((environment) => environment.accountId)).toEqual([
      '111111111111',
      '222222222222',
      '333333333333',
    ]);
  });

  it('fails when a file is not valid JSON, naming the line and column', () => {
    const { problems } = problemsOf(
      () => undefined,
      (dir) =>
        writeFileSync(join(dir, 'dev.json'), '{\n  "accountId": "111111111111",\n  oops\n}\n'),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'dev.json',
        path: '$',
        message: expect.stringMatching(/not valid JSON.*line 3/),
      }),
    ]);
  });

  it('fails when a field is unknown, listing the allowed fields', () => {
    const { problems } = problemsOf((fixture) => {
      (fixture.environments.dev.network as Record<string, unknown>).vpcCIDR = '10.0.0.0/16';
    });
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'dev.json',
        path: '$.network',
        received: '"vpcCIDR"',
        message: expect.stringContaining(
          'Allowed fields here: vpcCidr, internetEgress, interfaceEndpoints, flowLogRetentionDays',
        ),
      }),
    ]);
  });

  it('fails when an account ID is malformed, showing the value received', () => {
    const { problems } = problemsOf((fixture) => {
      fixture.environments.test.accountId = '2222-2222-2222';
    });
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'test.json',
        path: '$.accountId',
        received: '"2222-2222-2222"',
        message: expect.stringContaining('12-digit AWS account ID'),
      }),
    ]);
  });

  it('fails when a required field is missing', () => {
    const { problems } = problemsOf((fixture) => {
      delete (fixture.environments.dev as Partial<typeof fixture.environments.dev>).region;
    });
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: 'dev.json',
        path: '$.region',
        received: 'nothing (the field is missing)',
        message: 'required field; add a string',
      }),
    );
  });

  it('fails when two environments have overlapping CIDRs', () => {
    const { problems } = problemsOf((fixture) => {
      fixture.environments.prod.network.vpcCidr = '10.20.128.0/17';
    });
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'prod.json',
        path: '$.network.vpcCidr',
        received: '"10.20.128.0/17"',
        message: expect.stringContaining('overlaps 10.20.0.0/16 of environment "test"'),
      }),
    ]);
  });

  it('fails when a CIDR has host bits set or a prefix the platform cannot split', () => {
    const { problems } = problemsOf((fixture) => {
      fixture.environments.dev.network.vpcCidr = '10.10.0.1/16';
      fixture.environments.test.network.vpcCidr = '10.20.0.0/26';
    });
    expect(problems.map((problem) => [problem.file, problem.message])).toEqual([
      ['dev.json', expect.stringContaining('network address for /16 is 10.10.0.0/16')],
      ['test.json', expect.stringContaining('between /16 and /24')],
    ]);
  });

  it('fails when two environments share an account', () => {
    const { problems } = problemsOf((fixture) => {
      fixture.environments.prod.accountId = '111111111111';
    });
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'prod.json',
        path: '$.accountId',
        received: '"111111111111"',
        message: expect.stringContaining('already used by environment "dev"'),
      }),
    ]);
  });

  it('fails when the promotion chain names an unknown environment', () => {
    const { problems } = problemsOf((fixture) => {
      fixture.platform.promotionChain = ['dev', 'staging', 'prod'];
    });
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'platform.json',
        path: '$.promotionChain[1]',
        received: '"staging"',
        message: expect.stringContaining('no environment file staging.json'),
      }),
    ]);
  });

  it('fails when a profile names an unknown blueprint', () => {
    const { problems } = problemsOf((fixture) => {
      (fixture.platform.profiles['genai-full'].blueprints as string[]).push('model-traning');
    });
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'platform.json',
        path: '$.profiles["genai-full"].blueprints[4]',
        received: '"model-traning"',
        message: expect.stringContaining('one of data-preprocessing, model-training'),
      }),
    ]);
  });

  it('fails when a project names an unknown profile', () => {
    const { problems } = problemsOf((fixture) => {
      fixture.environments.dev.projects = [{ name: 'fraud-detection', profile: 'everything' }];
    });
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'dev.json',
        path: '$.projects[0].profile',
        received: '"everything"',
        message: expect.stringContaining('genai-full'),
      }),
    ]);
  });

  it('fails when the last environment of the chain does not prevent destroy', () => {
    const { problems } = problemsOf((fixture) => {
      fixture.environments.prod.preventDestroy = false;
    });
    expect(problems).toEqual([
      expect.objectContaining({ file: 'prod.json', path: '$.preventDestroy' }),
    ]);
  });

  it('fails when the state backend is in another region than the environment', () => {
    const { problems, message } = problemsOf((fixture) => {
      fixture.environments.dev.stateBackend.region = 'us-east-1';
      fixture.environments.test.stateBackend.region = 'eu-west-1';
    });
    expect(problems).toEqual([
      {
        file: 'dev.json',
        path: '$.stateBackend.region',
        received: '"us-east-1"',
        message:
          'the bootstrap app creates the state bucket in the environment\'s region "eu-west-1"; remove stateBackend.region or set it to "eu-west-1"',
      },
    ]);
    expect(message).toContain('dev.json $.stateBackend.region (received "us-east-1")');
  });

  it('fails when a zone is outside the region or listed twice', () => {
    const { problems } = problemsOf((fixture) => {
      fixture.environments.dev.availabilityZones = ['eu-west-1a', 'us-east-1b', 'eu-west-1a'];
    });
    expect(problems.map((problem) => problem.path)).toEqual([
      '$.availabilityZones[1]',
      '$.availabilityZones[2]',
    ]);
  });

  it('reports every problem of every file in one error', () => {
    const { problems, message } = problemsOf((fixture) => {
      fixture.environments.dev.accountId = 'abc';
      fixture.environments.test.region = 'Europe';
      fixture.platform.promotionChain = ['dev', 'qa'];
    });
    expect(problems.map((problem) => `${problem.file} ${problem.path}`)).toEqual([
      'dev.json $.accountId',
      'test.json $.region',
      'platform.json $.promotionChain[1]',
    ]);
    expect(message).toMatch(
      /^Invalid configuration in .* \(3 problems\):\n {2}- .*dev\.json \$\.accountId \(received "abc"\): /,
    );
  });

  it('fails when the directory has no platform.json', () => {
    expect(() => loadPlatformConfiguration(join(__dirname, 'no-such-dir'))).toThrow(
      /platform\.json.*file not found; point --config-dir/s,
    );
  });

  describe('release manifests', () => {
    const release = {
      project: 'fraud-detection',
      blueprint: 'inference-realtime' as const,
      modelPackageGroup: 'genai-llm-finetuned',
      modelPackageArn:
        'arn:aws:sagemaker:eu-west-1:222222222222:model-package/genai-llm-finetuned/3',
    };

    it('accepts a release of a project, blueprint and group that exist', () => {
      const fixture = configurationFixture();
      fixture.releases.test = { releases: [release] };
      expect(
        loadPlatformConfiguration(writeConfigurationFixture(fixture)).releases.test.releases,
      ).toEqual([release]);
    });

    it('fails when a release names an unknown group, project, or another account', () => {
      const { problems } = problemsOf((fixture) => {
        fixture.releases.test = {
          releases: [
            {
              ...release,
              modelPackageGroup: 'other-group',
              modelPackageArn: release.modelPackageArn.replace(
                'genai-llm-finetuned',
                'other-group',
              ),
            },
            { ...release, project: 'unknown', blueprint: 'inference-batch' },
            {
              ...release,
              modelPackageArn: release.modelPackageArn.replace('222222222222', '111111111111'),
            },
          ],
        };
      });
      expect(
        problems.map((problem) => `${problem.path}: ${problem.message.split(';')[0]}`),
      ).toEqual([
        '$.releases[0].modelPackageGroup: not a model package group of platform.json',
        '$.releases[1].project: no such project in test.json',
        '$.releases[2].blueprint: a second release for fraud-detection/inference-realtime',
        "$.releases[2].modelPackageArn: the package must be in this environment's registry (account 222222222222, region eu-west-1)",
      ]);
    });

    it('fails when a blueprint is outside the project profile', () => {
      const { problems } = problemsOf((fixture) => {
        fixture.releases.dev = {
          releases: [
            {
              ...release,
              blueprint: 'inference-async',
              modelPackageArn: release.modelPackageArn.replace('222222222222', '111111111111'),
            },
          ],
        };
      });
      expect(problems).toEqual([
        expect.objectContaining({
          path: '$.releases[0].blueprint',
          message: expect.stringContaining('does not include this blueprint'),
        }),
      ]);
    });
  });
});
