import type { PlatformConfiguration } from '@genai-sandbox/config';
import {
  atLeast,
  resourcePolicyAllows,
  resourcesOfType,
  synthesize,
  testConfiguration,
} from '@genai-sandbox/core/testing';
import { Testing } from 'cdktf';
import { FoundationStack } from '../src';

type Json = Record<string, unknown>;
interface Statement {
  Sid?: string;
  Effect: string;
  Principal?: { AWS?: string | string[]; Service?: string | string[] } | string;
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

function synthFoundation(config: PlatformConfiguration, name: string) {
  const environment = config.environments.find((candidate) => candidate.name === name);
  if (!environment) throw new Error(`no environment ${name}`);
  return synthesize(new FoundationStack(Testing.app(), { config, environment }));
}

const all = (json: ReturnType<typeof synthesize>, type: string) =>
  Object.values(resourcesOfType(json, type));
const statementsOf = (text: unknown): Statement[] => JSON.parse(text as string).Statement;
const byName = (json: ReturnType<typeof synthesize>, type: string, field: string, value: string) =>
  all(json, type).find((resource) => resource[field] === value) as Json | undefined;

/** Every IAM policy document of a stack (lifecycle policies and the like have no Statement). */
function policies(
  json: ReturnType<typeof synthesize>,
): { type: string; statements: Statement[] }[] {
  const found: { type: string; statements: Statement[] }[] = [];
  for (const [type, byResource] of Object.entries(json.resource ?? {})) {
    for (const resource of Object.values(byResource)) {
      for (const field of ['policy', 'assume_role_policy', 'resource_policy']) {
        const text = resource[field];
        if (typeof text !== 'string' || !text.startsWith('{')) continue;
        const statements = JSON.parse(text).Statement;
        if (Array.isArray(statements)) found.push({ type, statements });
      }
    }
  }
  return found;
}

const accountsIn = (value: unknown) =>
  [...new Set(JSON.stringify(value).match(/\b\d{12}\b/g) ?? [])].sort();

describe('promotion plumbing for dev -> test -> prod', () => {
  const config = testConfiguration();
  const dev = synthFoundation(config, 'dev');
  const test = synthFoundation(config, 'test');
  const prod = synthFoundation(config, 'prod');

  it('forwards approvals from dev to the test bus through a role that may only put events there', () => {
    const rule = byName(dev, 'aws_cloudwatch_event_rule', 'name', 'genai-dev-forward-approvals');
    expect(rule).toMatchObject({ event_bus_name: 'default' });
    expect(JSON.parse(rule?.event_pattern as string)).toEqual({
      source: ['aws.sagemaker'],
      'detail-type': ['SageMaker Model Package State Change'],
      detail: { ModelPackageGroupName: ['genai-llm-finetuned'], ModelApprovalStatus: ['Approved'] },
    });
    const target = all(dev, 'aws_cloudwatch_event_target').find(
      (candidate) => candidate.event_bus_name === 'default',
    );
    expect(target).toMatchObject({
      arn: 'arn:aws:events:eu-west-1:222222222222:event-bus/genai-test-promotion',
      retry_policy: { maximum_event_age_in_seconds: 86400, maximum_retry_attempts: 20 },
      dead_letter_config: { arn: expect.stringMatching(/^\$\{aws_sqs_queue\..+\.arn\}$/) },
    });
    const role = byName(dev, 'aws_iam_role', 'name', 'genai-dev-forward-approvals');
    const rolePolicy = all(dev, 'aws_iam_role_policy').find(
      (policy) => policy.name === 'forward-approvals',
    );
    expect(statementsOf(rolePolicy?.policy)).toEqual([
      {
        Sid: 'PutEventsOnTheTargetBusOnly',
        Effect: 'Allow',
        Action: 'events:PutEvents',
        Resource: 'arn:aws:events:eu-west-1:222222222222:event-bus/genai-test-promotion',
      },
    ]);
    expect(statementsOf(role?.assume_role_policy)[0]).toMatchObject({
      Principal: { Service: 'events.amazonaws.com' },
      Condition: {
        StringEquals: { 'aws:SourceAccount': '111111111111' },
        ArnEquals: { 'aws:SourceArn': expect.stringContaining('aws_cloudwatch_event_rule') },
      },
    });
  });

  it('lets only dev put only SageMaker approvals on the test bus', () => {
    const busPolicy = all(test, 'aws_cloudwatch_event_bus_policy')[0];
    expect(statementsOf(busPolicy.policy)).toEqual([
      {
        Sid: 'PreviousEnvironmentPutsModelApprovals',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111111111111:root' },
        Action: 'events:PutEvents',
        Resource: 'arn:aws:events:eu-west-1:222222222222:event-bus/genai-test-promotion',
        Condition: {
          'ForAllValues:StringEquals': {
            'events:source': 'aws.sagemaker',
            'events:detail-type': 'SageMaker Model Package State Change',
          },
          Null: { 'events:source': 'false', 'events:detail-type': 'false' },
        },
      },
    ]);
  });

  it('starts promote.yml from the test bus with the package, its group and the source environment', () => {
    const rule = byName(test, 'aws_cloudwatch_event_rule', 'name', 'genai-test-github-dispatch');
    expect(JSON.parse(rule?.event_pattern as string)).toMatchObject({
      account: ['111111111111'],
      source: ['aws.sagemaker'],
    });
    const destination = all(test, 'aws_cloudwatch_event_api_destination')[0];
    expect(destination).toMatchObject({
      http_method: 'POST',
      invocation_endpoint: 'https://api.github.com/repos/example-org/genai-sandbox/dispatches',
    });
    const target = all(test, 'aws_cloudwatch_event_target').find(
      (candidate) => candidate.input_transformer,
    );
    const template = (target?.input_transformer as { input_template: string }).input_template;
    expect(JSON.parse(template.replace('<arn>', '"A"').replace('<group>', '"G"'))).toEqual({
      event_type: 'model-approved',
      client_payload: {
        model_package_arn: 'A',
        model_package_group: 'G',
        source_environment: 'dev',
        target_environment: 'test',
      },
    });
  });

  it('keeps the GitHub token out of Terraform', () => {
    const connection = all(test, 'aws_cloudwatch_event_connection')[0];
    expect(connection).toMatchObject({ lifecycle: { ignore_changes: ['auth_parameters'] } });
    expect(JSON.stringify(test)).not.toMatch(/gh[pousr]_[A-Za-z0-9]{20,}|github_pat_/);
  });

  it('lets the test promotion role, and only it, read the dev registry, artifacts and key', () => {
    const promotionRole = 'arn:aws:iam::222222222222:role/genai-test-promotion';
    const registryPolicy = statementsOf(
      all(dev, 'aws_sagemaker_model_package_group_policy')[0].resource_policy,
    );
    expect(registryPolicy).toEqual([
      expect.objectContaining({
        Principal: { AWS: 'arn:aws:iam::222222222222:root' },
        Action: ['sagemaker:DescribeModelPackageGroup'],
        Resource:
          'arn:aws:sagemaker:eu-west-1:111111111111:model-package-group/genai-llm-finetuned',
        Condition: { ArnEquals: { 'aws:PrincipalArn': [promotionRole] } },
      }),
      expect.objectContaining({
        Principal: { AWS: 'arn:aws:iam::222222222222:root' },
        Action: [
          'sagemaker:DescribeModelPackage',
          'sagemaker:ListModelPackages',
          'sagemaker:CreateModel',
        ],
        Resource: 'arn:aws:sagemaker:eu-west-1:111111111111:model-package/genai-llm-finetuned/*',
        Condition: { ArnEquals: { 'aws:PrincipalArn': [promotionRole] } },
      }),
    ]);
    const bucketPolicy = statementsOf(
      byName(
        dev,
        'aws_s3_bucket_policy',
        'policy',
        all(dev, 'aws_s3_bucket_policy')
          .map((p) => p.policy as string)
          .find((p) => p.includes('DownstreamRead')) as string,
      )?.policy,
    );
    expect(bucketPolicy.filter((statement) => statement.Effect === 'Allow')).toEqual([
      expect.objectContaining({
        Resource: 'arn:aws:s3:::genai-dev-fraud-detection-ml-111111111111/artifacts/models/*',
        Condition: { ArnEquals: { 'aws:PrincipalArn': [promotionRole] } },
      }),
      expect.objectContaining({
        Action: ['s3:ListBucket'],
        Condition: {
          ArnEquals: { 'aws:PrincipalArn': [promotionRole] },
          StringLike: { 's3:prefix': 'artifacts/models/*' },
        },
      }),
    ]);
    const keyPolicy = statementsOf(all(dev, 'aws_kms_key')[0].policy);
    expect(
      keyPolicy.find((statement) => statement.Sid === 'DownstreamAccountsDecryptThroughS3'),
    ).toEqual(
      expect.objectContaining({
        Action: ['kms:Decrypt', 'kms:DescribeKey'],
        Condition: {
          StringEquals: {
            'kms:ViaService': 's3.eu-west-1.amazonaws.com',
            'kms:CallerAccount': ['222222222222'],
          },
          ArnEquals: { 'aws:PrincipalArn': [promotionRole] },
        },
      }),
    );
  });

  it('gives the test promotion role read on dev and write on test, assumable only by the test deploy role', () => {
    const role = byName(test, 'aws_iam_role', 'name', 'genai-test-promotion');
    expect(statementsOf(role?.assume_role_policy)).toEqual([
      expect.objectContaining({
        Principal: { AWS: 'arn:aws:iam::222222222222:role/genai-test-github-deploy' },
      }),
    ]);
    const policy = statementsOf(
      all(test, 'aws_iam_role_policy').find((candidate) => candidate.name === 'promote')?.policy,
    );
    const sid = (name: string) => policy.find((statement) => statement.Sid === name);
    expect(sid('ReadSourceRegistry')?.Resource).toEqual([
      'arn:aws:sagemaker:eu-west-1:111111111111:model-package-group/genai-llm-finetuned',
      'arn:aws:sagemaker:eu-west-1:111111111111:model-package/genai-llm-finetuned/*',
    ]);
    // One pattern for every project's ML bucket, so the policy does not grow with the projects.
    expect(sid('ReadSourceArtifacts')?.Resource).toEqual([
      'arn:aws:s3:::genai-dev-*-ml-111111111111/artifacts/models/*',
    ]);
    expect(sid('DecryptSourceArtifactsThroughS3')).toMatchObject({
      Resource: 'arn:aws:kms:eu-west-1:111111111111:key/*',
      Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
    });
    expect(sid('WriteArtifactsHere')?.Resource).toEqual([
      'arn:aws:s3:::genai-test-*-ml-222222222222/artifacts/models/*',
    ]);
    // HeadObject of a missing copy answers 404 only with s3:ListBucket, which takes no prefix there.
    expect(sid('ListArtifactsHere')).toEqual({
      Sid: 'ListArtifactsHere',
      Effect: 'Allow',
      // ...and a re-run finds the multipart upload of an artifact over 5 GiB it left half done.
      Action: ['s3:ListBucket', 's3:ListBucketMultipartUploads'],
      Resource: ['arn:aws:s3:::genai-test-*-ml-222222222222'],
    });
    // The serving image travels with the model: read in dev's repositories, written into test's.
    expect(sid('ReadSourceImages')).toEqual({
      Sid: 'ReadSourceImages',
      Effect: 'Allow',
      Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      Resource: ['arn:aws:ecr:eu-west-1:111111111111:repository/genai-dev-genai-llm-finetuned'],
    });
    expect(sid('CopyImagesHere')?.Resource).toEqual([
      'arn:aws:ecr:eu-west-1:222222222222:repository/genai-test-genai-llm-finetuned',
    ]);
    expect(sid('CopyImagesHere')?.Action).toContain('ecr:PutImage');
    // Registered pending only; approved only after test's apply and smoke test (platform approve).
    expect(sid('RegisterPackagesHere')).toMatchObject({
      Action: 'sagemaker:CreateModelPackage',
      Condition: { StringEquals: { 'sagemaker:ModelApprovalStatus': 'PendingManualApproval' } },
    });
    expect(sid('ApprovePackagesHere')).toEqual({
      Sid: 'ApprovePackagesHere',
      Effect: 'Allow',
      Action: 'sagemaker:UpdateModelPackage',
      Resource: ['arn:aws:sagemaker:eu-west-1:222222222222:model-package/genai-llm-finetuned/*'],
      Condition: { StringEquals: { 'sagemaker:ModelApprovalStatus': 'Approved' } },
    });
  });

  it('lets exactly the test promotion role pull dev images: not the plan role, nor roles the deploy role creates', () => {
    const repositoryPolicy = all(dev, 'aws_ecr_repository_policy');
    expect(repositoryPolicy).toHaveLength(1);
    const pull = (principalArn: string) =>
      resourcePolicyAllows(repositoryPolicy[0].policy as string, {
        action: 'ecr:BatchGetImage',
        resource: 'arn:aws:ecr:eu-west-1:111111111111:repository/genai-dev-genai-llm-finetuned',
        principalArn,
        context: { 'aws:PrincipalArn': principalArn },
      });
    expect(pull('arn:aws:iam::222222222222:role/genai-test-promotion')).toBe('allow');
    for (const role of [
      'genai-test-github-plan',
      'genai-test-github-deploy',
      'genai-test-anything',
    ])
      expect(pull(`arn:aws:iam::222222222222:role/${role}`)).toBe('implicit-deny');
  });

  it('gives dev no promotion bus or role, and prod no forwarding', () => {
    expect(all(dev, 'aws_cloudwatch_event_bus')).toEqual([]);
    expect(byName(dev, 'aws_iam_role', 'name', 'genai-dev-promotion')).toBeUndefined();
    expect(
      byName(prod, 'aws_cloudwatch_event_rule', 'name', 'genai-prod-forward-approvals'),
    ).toBeUndefined();
    expect(all(prod, 'aws_sagemaker_model_package_group_policy')).toEqual([]);
    expect(all(prod, 'aws_ecr_repository_policy')).toEqual([]);
  });

  it.each([
    ['dev', ['111111111111', '222222222222']],
    ['test', ['111111111111', '222222222222', '333333333333']],
    ['prod', ['222222222222', '333333333333']],
  ])(
    'names in %s policies only its own account and its neighbours in the chain',
    (name, accounts) => {
      const json = { dev, test, prod }[name as 'dev' | 'test' | 'prod'];
      expect(accountsIn(policies(json))).toEqual(accounts);
    },
  );

  it.each(['dev', 'test', 'prod'])(
    'admits another account in %s only with a condition, and never a wildcard principal',
    (name) => {
      const json = { dev, test, prod }[name as 'dev' | 'test' | 'prod'];
      const own = json.provider?.aws?.[0].allowed_account_ids as string[];
      let crossAccount = 0;
      for (const { statements } of atLeast(5, policies(json), 'policy documents')) {
        for (const statement of statements.filter((candidate) => candidate.Effect === 'Allow')) {
          const principals =
            typeof statement.Principal === 'object' ? [statement.Principal.AWS ?? []].flat() : [];
          if (statement.Principal === '*')
            throw new Error(`wildcard principal in ${JSON.stringify(statement)}`);
          const foreign = principals.filter(
            (principal) => !own.some((account) => principal.includes(account)),
          );
          // Every statement is checked; the condition only matters for foreign principals.
          expect({ statement, conditioned: foreign.length === 0 || !!statement.Condition }).toEqual(
            {
              statement,
              conditioned: true,
            },
          );
          crossAccount += foreign.length > 0 ? 1 : 0;
        }
      }
      // Each environment shares with a neighbour: the next reads, the previous puts events.
      expect(crossAccount).toBeGreaterThan(0);
    },
  );
});

describe('promotion plumbing follows the configured chain', () => {
  it('wires every hop of a four-environment chain the same way', () => {
    const config = testConfiguration((fixture) => {
      fixture.platform.promotionChain = ['dev', 'staging', 'test', 'prod'];
      fixture.environments.staging = {
        ...fixture.environments.test,
        accountId: '444444444444',
        network: { vpcCidr: '10.40.0.0/16' },
      };
    });
    const stacks = Object.fromEntries(
      ['dev', 'staging', 'test', 'prod'].map((name) => [name, synthFoundation(config, name)]),
    );
    const accounts: Record<string, string> = {
      dev: '111111111111',
      staging: '444444444444',
      test: '222222222222',
      prod: '333333333333',
    };
    const hops = [
      ['dev', 'staging'],
      ['staging', 'test'],
      ['test', 'prod'],
    ];
    for (const [from, to] of hops) {
      const target = all(stacks[from], 'aws_cloudwatch_event_target').find(
        (candidate) => candidate.event_bus_name === 'default',
      );
      expect(target?.arn).toBe(
        `arn:aws:events:eu-west-1:${accounts[to]}:event-bus/genai-${to}-promotion`,
      );
      expect(
        statementsOf(all(stacks[to], 'aws_cloudwatch_event_bus_policy')[0].policy)[0].Principal,
      ).toEqual({ AWS: `arn:aws:iam::${accounts[from]}:root` });
      expect(
        statementsOf(
          all(stacks[from], 'aws_sagemaker_model_package_group_policy')[0].resource_policy,
        )[0].Condition,
      ).toEqual({
        ArnEquals: {
          'aws:PrincipalArn': [`arn:aws:iam::${accounts[to]}:role/genai-${to}-promotion`],
        },
      });
      const promote = statementsOf(
        all(stacks[to], 'aws_iam_role_policy').find((candidate) => candidate.name === 'promote')
          ?.policy,
      );
      expect(
        promote.find((statement) => statement.Sid === 'ReadSourceRegistry')?.Resource,
      ).toContain(
        `arn:aws:sagemaker:eu-west-1:${accounts[from]}:model-package-group/genai-llm-finetuned`,
      );
    }
    expect(accountsIn(policies(stacks.staging))).toEqual([
      '111111111111',
      '222222222222',
      '444444444444',
    ]);
  });

  it('creates no cross-account resource for a one-environment chain', () => {
    const config = testConfiguration((fixture) => {
      fixture.platform.promotionChain = ['dev'];
      fixture.environments = { dev: fixture.environments.dev };
    });
    const json = synthFoundation(config, 'dev');
    for (const type of [
      'aws_cloudwatch_event_bus',
      'aws_cloudwatch_event_rule',
      'aws_sagemaker_model_package_group_policy',
      'aws_ecr_repository_policy',
    ]) {
      expect(all(json, type)).toEqual([]);
    }
    expect(accountsIn(policies(json))).toEqual(['111111111111']);
    expect(all(json, 'aws_sagemaker_model_package_group')).toHaveLength(1);
  });
});
