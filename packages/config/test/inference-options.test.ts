import { basename } from 'node:path';
import {
  ConfigError,
  inferenceHostName,
  loadPlatformConfiguration,
  MODEL_MONITOR_ANALYZER_REGISTRIES,
  modelMonitorAnalyzerImage,
} from '../src';
import { configurationFixture, writeConfigurationFixture } from '../src/testing';

type Fixture = ReturnType<typeof configurationFixture>;

function load(blueprints: Record<string, unknown>, edit?: (fixture: Fixture) => void) {
  const fixture = configurationFixture();
  (fixture.environments.dev as Record<string, unknown>).blueprints = blueprints;
  edit?.(fixture);
  return loadPlatformConfiguration(writeConfigurationFixture(fixture)).environments[0];
}

/** `<file> <path> (received <value>): <message>` of every problem. */
function problems(blueprints: Record<string, unknown>, edit?: (fixture: Fixture) => void) {
  try {
    load(blueprints, edit);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map(
      (problem) =>
        `${basename(problem.file)} ${problem.path} (received ${problem.received}): ${problem.message}`,
    );
  }
  throw new Error('expected the configuration to be rejected');
}

const CHALLENGER = { name: 'Challenger', modelPackageVersion: 8, weightPercent: 10 };
const SHADOW = { name: 'Shadow', modelPackageVersion: 9 };
const ACL =
  'arn:aws:wafv2:eu-west-1:111111111111:regional/webacl/inference/0f4d9b3e-1c2a-4b5d-8e7f-0123456789ab';
const POOL = 'arn:aws:cognito-idp:eu-west-1:111111111111:userpool/eu-west-1_AbCdEf123';

describe('Model Monitor settings', () => {
  it('defaults an hourly schedule on one ml.m5.xlarge with a 30-minute limit', () => {
    const { modelMonitor } = load({ inferenceRealtime: { modelMonitor: { features: ['age'] } } })
      .blueprints.inferenceRealtime;
    expect(modelMonitor).toEqual({
      features: ['age'],
      scheduleExpression: 'cron(0 * ? * * *)',
      instanceType: 'ml.m5.xlarge',
      instanceCount: 1,
      volumeSizeGb: 20,
      maxRuntimeSeconds: 1800,
    });
  });

  it('refuses no features, more than ten, duplicates and a schedule Model Monitor does not run', () => {
    expect(problems({ inferenceRealtime: { modelMonitor: { features: [] } } })).toEqual([
      'dev.json $.blueprints.inferenceRealtime.modelMonitor.features (received []): name at least one feature whose drift the alarm watches',
    ]);
    const eleven = Array.from({ length: 11 }, (_, index) => `f${index}`);
    expect(problems({ inferenceRealtime: { modelMonitor: { features: eleven } } })[0]).toContain(
      'name at most 10 features',
    );
    expect(
      problems({ inferenceRealtime: { modelMonitor: { features: ['a', 'a'] } } }),
    ).toHaveLength(1);
    expect(
      problems({
        inferenceRealtime: {
          modelMonitor: { features: ['a'], scheduleExpression: 'rate(1 hour)' },
        },
      }),
    ).toEqual([
      'dev.json $.blueprints.inferenceRealtime.modelMonitor.scheduleExpression (received "rate(1 hour)"): expected a Model Monitor schedule: hourly "cron(0 * ? * * *)", every 6 hours "cron(0 0/6 ? * * *)" or daily "cron(0 3 ? * * *)"',
    ]);
  });

  it('refuses a region whose analyzer image is unknown, naming the known ones', () => {
    const found = problems(
      { inferenceRealtime: { modelMonitor: { features: ['a'] } } },
      (fixture) => {
        const dev = fixture.environments.dev as Record<string, unknown>;
        dev.region = 'eu-south-2';
        dev.availabilityZones = ['eu-south-2a', 'eu-south-2b'];
      },
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^dev\.json \$\.blueprints\.inferenceRealtime\.modelMonitor \(received "eu-south-2"\): the Model Monitor analyzer image is not known for region "eu-south-2" \(known: ap-east-1, .*\); remove modelMonitor, or add/,
    );
  });

  it('keeps one documented registry account per region and builds the image URI from it', () => {
    expect(Object.keys(MODEL_MONITOR_ANALYZER_REGISTRIES)).toHaveLength(18);
    for (const account of Object.values(MODEL_MONITOR_ANALYZER_REGISTRIES))
      expect(account).toMatch(/^\d{12}$/);
    // The examples of the AWS documentation and the SageMaker Python SDK.
    expect(modelMonitorAnalyzerImage('us-west-2')).toBe(
      '159807026194.dkr.ecr.us-west-2.amazonaws.com/sagemaker-model-monitor-analyzer',
    );
    expect(modelMonitorAnalyzerImage('eu-west-1')).toBe(
      '468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer',
    );
    expect(modelMonitorAnalyzerImage('eu-south-2')).toBeUndefined();
  });
});

describe('A/B and shadow variants', () => {
  it('accepts weights that sum to 100 and a shadow alone', () => {
    const ab = load({
      inferenceRealtime: { abTest: { primaryWeightPercent: 90, variants: [CHALLENGER] } },
    }).blueprints.inferenceRealtime.abTest;
    expect(ab?.variants[0]).toEqual({ ...CHALLENGER, initialInstanceCount: 1 });
    const shadow = load({ inferenceRealtime: { shadow: SHADOW } }).blueprints.inferenceRealtime
      .shadow;
    expect(shadow).toEqual({ ...SHADOW, initialInstanceCount: 1, samplingPercent: 100 });
  });

  it('refuses weights that do not sum to 100', () => {
    expect(
      problems({
        inferenceRealtime: { abTest: { primaryWeightPercent: 80, variants: [CHALLENGER] } },
      }),
    ).toEqual([
      "dev.json $.blueprints.inferenceRealtime.abTest.primaryWeightPercent (received 80): the weights of all variants sum to 90, not 100; change primaryWeightPercent or the variants' weightPercent",
    ]);
  });

  it('refuses the primary name, a name taken twice, and a shadow beside A/B variants', () => {
    expect(
      problems({
        inferenceRealtime: {
          abTest: {
            primaryWeightPercent: 80,
            variants: [
              { ...CHALLENGER, name: 'AllTraffic' },
              { ...CHALLENGER, name: 'B' },
            ],
          },
        },
      }),
    ).toEqual([
      'dev.json $.blueprints.inferenceRealtime.abTest.variants[0].name (received "AllTraffic"): "AllTraffic" is the primary variant, which keeps its name across updates; give this variant another name',
    ]);
    expect(
      problems({
        inferenceRealtime: {
          abTest: { primaryWeightPercent: 90, variants: [CHALLENGER] },
          shadow: { ...SHADOW, name: 'Challenger' },
        },
      }),
    ).toEqual([
      'dev.json $.blueprints.inferenceRealtime.shadow.name (received "Challenger"): another variant has this name; variant names are unique within the endpoint',
      'dev.json $.blueprints.inferenceRealtime.shadow (received "Challenger"): SageMaker hosts a shadow variant only beside exactly one production variant; remove abTest or shadow',
    ]);
  });

  it('refuses canary or linear traffic shifting on Inf1 instances', () => {
    expect(problems({ inferenceRealtime: { instanceType: 'ml.inf1.xlarge' } })).toEqual([
      'dev.json $.blueprints.inferenceRealtime.rollout.strategy (received "canary"): deployment guardrails do not shift traffic by canary on Inf1 instances (ml.inf1.xlarge); SageMaker would deploy all at once without baking. Set rollout.strategy to "all-at-once" or use another instance type',
    ]);
    expect(
      load({
        inferenceRealtime: { instanceType: 'ml.inf1.xlarge', rollout: { strategy: 'all-at-once' } },
      }).blueprints.inferenceRealtime.instanceType,
    ).toBe('ml.inf1.xlarge');
  });
});

describe('inference API options and the custom domain', () => {
  it('accepts a Cognito authorizer and a web ACL of this account and region', () => {
    const { api } = load({
      inferenceRealtime: { api: { cognito: { userPoolArns: [POOL] }, webAclArn: ACL } },
    }).blueprints.inferenceRealtime;
    expect(api).toMatchObject({ cognito: { userPoolArns: [POOL] }, webAclArn: ACL });
  });

  it('refuses a web ACL of another account, and a CloudFront-scoped one', () => {
    const other = ACL.replace('111111111111', '999999999999');
    const found = problems({ inferenceServerless: { api: { webAclArn: other } } });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^dev\.json \$\.blueprints\.inferenceServerless\.api\.webAclArn /);
    expect(found[0]).toContain(
      "the web ACL must be in this environment's account 111111111111 and region eu-west-1; API Gateway associates no other",
    );
    expect(
      problems({ inferenceRealtime: { api: { webAclArn: ACL.replace('regional', 'global') } } })[0],
    ).toContain('expected a regional WAFv2 web ACL ARN');
  });

  it('refuses a Cognito authorizer without user pools', () => {
    expect(problems({ inferenceRealtime: { api: { cognito: { userPoolArns: [] } } } })).toEqual([
      'dev.json $.blueprints.inferenceRealtime.api.cognito.userPoolArns (received []): name at least one user pool',
    ]);
  });

  it('gives each project one host in the configured zone', () => {
    const { inferenceDomain } = load({
      inferenceDomain: { zoneName: 'ml.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' },
    }).blueprints;
    expect(inferenceDomain).toBeDefined();
    if (!inferenceDomain) return;
    expect(inferenceHostName(inferenceDomain, 'fraud-detection')).toBe(
      'inference.fraud-detection.ml.example.com',
    );
    expect(
      problems({
        inferenceDomain: {
          zoneName: 'ml.example.com',
          hostedZoneId: 'Z0123456789ABCDEFGHIJ',
          hostPattern: 'inference.{zone}',
        },
      }),
    ).toEqual([
      'dev.json $.blueprints.inferenceDomain.hostPattern (received "inference.{zone}"): expected "{project}" in the pattern: every project gets its own host',
    ]);
  });
});
