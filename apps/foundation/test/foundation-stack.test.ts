import { join } from 'node:path';
import { loadPlatformConfiguration, type PlatformConfiguration } from '@genai-sandbox/config';
import {
  atLeast,
  resourcesOfType,
  synthesize,
  synthesizedOnce,
  testConfiguration,
} from '@genai-sandbox/core/testing';
import { Testing } from 'cdktf';
import { FoundationStack } from '../src';

/** One stack per environment and configuration, shared by the tests that read it. */
const synthFoundation = synthesizedOnce(
  (environmentName: string, config: PlatformConfiguration = testConfiguration()) => {
    const environment = config.environments.find((candidate) => candidate.name === environmentName);
    if (!environment) throw new Error(`no ${environmentName}`);
    const stack = new FoundationStack(Testing.app(), { config, environment });
    return { stack, json: synthesize(stack) };
  },
);

const values = (json: ReturnType<typeof synthesize>, type: string) =>
  Object.values(resourcesOfType(json, type));

describe('FoundationStack', () => {
  const { json } = synthFoundation('dev');

  it('is pinned to the environment account', () => {
    expect(json.provider?.aws?.[0]).toMatchObject({
      allowed_account_ids: ['111111111111'],
      region: 'eu-west-1',
    });
  });

  it('has no internet gateway, NAT gateway or public route by default', () => {
    expect(values(json, 'aws_internet_gateway')).toEqual([]);
    expect(values(json, 'aws_nat_gateway')).toEqual([]);
    expect(
      values(json, 'aws_route').filter((route) => route.destination_cidr_block === '0.0.0.0/0'),
    ).toEqual([]);
  });

  it('creates an internet gateway when the environment asks for egress', () => {
    const config = testConfiguration((fixture) => {
      fixture.environments.dev.network.internetEgress = true;
    });
    expect(values(synthFoundation('dev', config).json, 'aws_internet_gateway')).toHaveLength(1);
  });

  it('creates every configured interface endpoint and the S3 gateway endpoint', () => {
    const config = testConfiguration((fixture) => {
      fixture.environments.dev.network.interfaceEndpoints = [
        'sagemaker.api',
        'bedrock-runtime',
        'sts',
      ];
    });
    const endpoints = values(synthFoundation('dev', config).json, 'aws_vpc_endpoint');
    expect(
      endpoints.map((endpoint) => `${endpoint.vpc_endpoint_type} ${endpoint.service_name}`).sort(),
    ).toEqual([
      'Gateway com.amazonaws.eu-west-1.s3',
      'Interface com.amazonaws.eu-west-1.bedrock-runtime',
      'Interface com.amazonaws.eu-west-1.sagemaker.api',
      'Interface com.amazonaws.eu-west-1.sts',
    ]);
  });

  it('creates all fifteen default endpoints when none are configured', () => {
    expect(
      values(json, 'aws_vpc_endpoint').filter(
        (endpoint) => endpoint.vpc_endpoint_type === 'Interface',
      ),
    ).toHaveLength(15);
  });

  it('creates a rotating platform key and encrypts every bucket and log group with it', () => {
    const [key] = Object.keys(resourcesOfType(json, 'aws_kms_key'));
    expect(resourcesOfType(json, 'aws_kms_key')[key]).toMatchObject({ enable_key_rotation: true });
    const keyArn = `\${aws_kms_key.${key}.arn}`;
    const encryptions = values(json, 'aws_s3_bucket_server_side_encryption_configuration');
    for (const encryption of atLeast(2, encryptions, 'bucket encryption configurations')) {
      expect(encryption.rule).toEqual([
        {
          apply_server_side_encryption_by_default: {
            sse_algorithm: 'aws:kms',
            kms_master_key_id: keyArn,
          },
          bucket_key_enabled: true,
        },
      ]);
    }
    for (const group of atLeast(1, values(json, 'aws_cloudwatch_log_group'), 'log groups'))
      expect(group.kms_key_id).toBe(keyArn);
  });

  it('creates one ML bucket per project, with the ML bucket lifecycle rules, plus the access-log bucket', () => {
    const config = testConfiguration((fixture) => {
      fixture.environments.dev.projects = [
        { name: 'fraud-detection', profile: 'genai-full' },
        { name: 'chatbot', profile: 'genai-full' },
      ];
    });
    const synthesized = synthFoundation('dev', config).json;
    expect(
      values(synthesized, 'aws_s3_bucket')
        .map((bucket) => bucket.bucket)
        .sort(),
    ).toEqual([
      'genai-dev-access-logs-111111111111',
      'genai-dev-chatbot-ml-111111111111',
      'genai-dev-fraud-detection-ml-111111111111',
    ]);
    const lifecycleIds = values(synthesized, 'aws_s3_bucket_lifecycle_configuration').map(
      (lifecycle) => (lifecycle.rule as { id: string }[]).map((rule) => rule.id).join(','),
    );
    expect(lifecycleIds.filter((ids) => ids.includes('expire-raw-data'))).toHaveLength(2);
  });

  it('gives every role the permissions boundary that the bootstrap app creates', () => {
    const roles = values(json, 'aws_iam_role');
    expect(roles.length).toBeGreaterThan(0);
    for (const role of roles) {
      expect(role.permissions_boundary).toBe(
        'arn:aws:iam::111111111111:policy/genai-dev-permissions-boundary',
      );
    }
    expect(values(json, 'aws_iam_policy')).toEqual([]);
  });

  it('uses no data source, so plans need no AWS call', () => {
    expect(json.data).toBeUndefined();
  });

  it('protects buckets and the key in production only', () => {
    const prod = synthFoundation('prod', testConfiguration()).json;
    for (const type of ['aws_s3_bucket', 'aws_kms_key']) {
      expect(
        atLeast(1, values(prod, type), type).every(
          (resource) => (resource.lifecycle as { prevent_destroy?: boolean })?.prevent_destroy,
        ),
      ).toBe(true);
      expect(values(json, type).some((resource) => resource.lifecycle)).toBe(false);
    }
  });

  it('declares the outputs the tools read', () => {
    expect(Object.keys(json.output ?? {}).sort()).toEqual([
      'access_log_bucket_name',
      'alarm_topic_arn',
      'aoss_vpc_endpoint_id',
      'bedrock_invocation_log_group',
      'container_repository_names',
      'dashboard_name',
      'data_lake_admin_arns',
      'ml_bucket_names',
      'model_package_group_arns',
      'permissions_boundary_arn',
      'platform_key_alias',
      'platform_key_arn',
      'private_subnet_ids',
      'vpc_id',
      'workload_security_group_id',
    ]);
  });
});

describe('Bedrock in the foundation stack', () => {
  it('logs model invocations of the account and gives genai-bedrock projects their vector store policies', () => {
    const { json } = synthFoundation('dev');
    expect(values(json, 'aws_bedrock_model_invocation_logging_configuration')).toHaveLength(1);
    expect(values(json, 'aws_opensearchserverless_vpc_endpoint')).toHaveLength(1);
    expect(
      values(json, 'aws_opensearchserverless_security_policy').map((policy) => [
        policy.type,
        policy.name,
      ]),
    ).toEqual([
      ['encryption', 'genai-dev-fraud-detection'],
      ['network', 'genai-dev-fraud-detection'],
    ]);
  });

  it('creates no vector store endpoint when no project has the blueprint', () => {
    const config = testConfiguration((fixture) => {
      fixture.platform.profiles['genai-full'].blueprints = ['data-preprocessing'];
    });
    const { json } = synthFoundation('dev', config);
    expect(values(json, 'aws_opensearchserverless_vpc_endpoint')).toHaveLength(0);
    expect(values(json, 'aws_bedrock_model_invocation_logging_configuration')).toHaveLength(1);
    expect(json.output).not.toHaveProperty('aoss_vpc_endpoint_id');
  });
});

describe('foundation stacks of the example configuration', () => {
  const config = loadPlatformConfiguration(join(__dirname, '../../../environments'));
  it.each(['dev', 'test', 'prod'])('%s matches the reviewed snapshot', (environment) => {
    expect(synthFoundation(environment, config).json).toMatchSnapshot();
  });
});

describe('promotion outputs', () => {
  it('declares the promotion bus and role where the environment receives promotions', () => {
    const config = testConfiguration();
    const environment = config.environments.find((candidate) => candidate.name === 'test');
    if (!environment) throw new Error('no test');
    const outputs = Object.keys(
      synthesize(new FoundationStack(Testing.app(), { config, environment })).output ?? {},
    );
    expect(outputs).toEqual(expect.arrayContaining(['promotion_bus_arn', 'promotion_role_arn']));
  });
});

describe('observability of the account', () => {
  const SINK = 'arn:aws:oam:eu-west-1:444444444444:sink/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
  const linked = testConfiguration((fixture) => {
    fixture.platform.sharedServices = {
      region: 'eu-west-1',
      stateBackend: { bucket: 'genai-tfstate-444444444444' },
      tags: { owner: 'ml-platform-team', costCenter: 'cc-4711' },
      oamSinkArn: SINK,
    };
  });

  it('has the alarm topic, the budgets, the dashboard and the link to the sink', () => {
    const { json } = synthFoundation('test', linked);
    expect(values(json, 'aws_sns_topic').map((topic) => topic.name)).toEqual(['genai-test-alarms']);
    expect(values(json, 'aws_budgets_budget').map((budget) => budget.name)).toEqual([
      'genai-test-account-monthly',
      'genai-test-project-fraud-detection-monthly',
    ]);
    expect(values(json, 'aws_cloudwatch_dashboard').map((board) => board.dashboard_name)).toEqual([
      'genai-test-overview',
    ]);
    expect(values(json, 'aws_oam_link')).toEqual([
      expect.objectContaining({ sink_identifier: SINK }),
    ]);
    // test both receives and forwards promotions: one alarm per dead-letter queue.
    expect(values(json, 'aws_cloudwatch_metric_alarm').map((alarm) => alarm.alarm_name)).toEqual([
      'genai-test-forward-approvals-dlq-not-empty',
      'genai-test-github-dispatch-dlq-not-empty',
    ]);
  });

  it('does not link while the sink is unknown or the environment opts out', () => {
    expect(values(synthFoundation('dev').json, 'aws_oam_link')).toEqual([]);
    const optedOut = testConfiguration((fixture) => {
      fixture.platform.sharedServices = {
        region: 'eu-west-1',
        stateBackend: { bucket: 'genai-tfstate-444444444444' },
        tags: { owner: 'ml-platform-team', costCenter: 'cc-4711' },
        oamSinkArn: SINK,
      };
      fixture.environments.dev.observability = { crossAccount: false };
    });
    expect(values(synthFoundation('dev', optedOut).json, 'aws_oam_link')).toEqual([]);
  });
});
