import { resourcesOfType, testStack } from '@genai-sandbox/core/testing';
import { PlatformKey } from '@genai-sandbox/security';
import { TerraformVariable } from 'cdktf';
import { ContainerRepository, type ContainerRepositoryProps } from '../src';
import { statementsOf, synth, TEST_ACCOUNT } from './helpers';

const PROMOTION_ROLE = `arn:aws:iam::${TEST_ACCOUNT}:role/genai-test-promotion`;
const downstream = { accountId: TEST_ACCOUNT, principalArns: [PROMOTION_ROLE] };

function synthRepository(props: Partial<ContainerRepositoryProps> = {}, environment = 'dev') {
  return synth((stack) => {
    const key = new PlatformKey(stack, 'Key', { purpose: 'platform', description: 'Platform key' });
    return new ContainerRepository(stack, 'Repository', {
      purpose: 'genai-llm-finetuned',
      encryptionKey: key,
      ...props,
    });
  }, environment);
}

describe('ContainerRepository', () => {
  const { only, construct } = synthRepository();

  it('keeps tags immutable, scans on push, encrypts with the given key and refuses to delete images', () => {
    expect(only('aws_ecr_repository')).toMatchObject({
      name: 'genai-dev-genai-llm-finetuned',
      image_tag_mutability: 'IMMUTABLE',
      image_scanning_configuration: { scan_on_push: true },
      encryption_configuration: [
        {
          encryption_type: 'KMS',
          kms_key: expect.stringMatching(/^\$\{aws_kms_key\.Key_[A-Z0-9]+\.arn\}$/),
        },
      ],
      force_delete: false,
    });
    expect(construct.repositoryName).toBe('genai-dev-genai-llm-finetuned');
  });

  it('expires untagged images first, then keeps a number of images', () => {
    const lifecycle = only('aws_ecr_lifecycle_policy');
    expect(lifecycle.repository).toMatch(/^\$\{aws_ecr_repository\.Repository_[A-Z0-9]+\.name\}$/);
    expect(JSON.parse(lifecycle.policy as string)).toEqual({
      rules: [
        {
          rulePriority: 1,
          description: 'Expire untagged images after 7 days',
          selection: {
            tagStatus: 'untagged',
            countType: 'sinceImagePushed',
            countUnit: 'days',
            countNumber: 7,
          },
          action: { type: 'expire' },
        },
        {
          rulePriority: 2,
          description: 'Keep the 30 most recent images',
          selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 30 },
          action: { type: 'expire' },
        },
      ],
    });
  });

  it('takes the lifecycle numbers from props', () => {
    const rules = JSON.parse(
      synthRepository({ keepTaggedImages: 5, untaggedImageDays: 1 }).only(
        'aws_ecr_lifecycle_policy',
      ).policy as string,
    ).rules;
    expect(
      rules.map((rule: { selection: { countNumber: number } }) => rule.selection.countNumber),
    ).toEqual([1, 5]);
  });

  it('lets only the named roles of the next account pull, with the three pull actions', () => {
    const { only: withDownstream, construct: repository } = synthRepository({ downstream });
    const policy = withDownstream('aws_ecr_repository_policy');
    expect(policy.repository).toMatch(/^\$\{aws_ecr_repository\.Repository_[A-Z0-9]+\.name\}$/);
    expect(statementsOf(policy, 'policy')).toEqual([
      {
        Sid: 'NextEnvironmentPulls',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:root` },
        Action: [
          'ecr:BatchCheckLayerAvailability',
          'ecr:BatchGetImage',
          'ecr:GetDownloadUrlForLayer',
        ],
        Condition: { ArnEquals: { 'aws:PrincipalArn': [PROMOTION_ROLE] } },
      },
    ]);
    expect(repository.policyStatements).toHaveLength(1);
  });

  it('has no repository policy without a downstream environment', () => {
    const { json } = synthRepository();
    expect(resourcesOfType(json, 'aws_ecr_repository_policy')).toEqual({});
    expect(construct.policyStatements).toEqual([]);
  });

  it('lower-cases the purpose into a valid ECR name', () => {
    const { only: upper } = synthRepository({ purpose: 'Genai-LLM' });
    expect(upper('aws_ecr_repository').name).toBe('genai-dev-genai-llm');
  });

  it('sets prevent_destroy in production only', () => {
    expect(only('aws_ecr_repository').lifecycle).toBeUndefined();
    expect(synthRepository({}, 'prod').only('aws_ecr_repository').lifecycle).toEqual({
      prevent_destroy: true,
    });
  });

  it('fails when the purpose makes an invalid ECR name', () => {
    expect(() => synthRepository({ purpose: 'llm__v1' })).toThrow(
      /Invalid ecr-repository name "genai-dev-llm__v1"/,
    );
  });

  it('fails when the lifecycle numbers are not whole and positive', () => {
    expect(() => synthRepository({ keepTaggedImages: 0 })).toThrow(
      /keepTaggedImages \(received 0\): keep a whole number of images, at least 1/,
    );
    expect(() => synthRepository({ untaggedImageDays: 1.5 })).toThrow(
      /untaggedImageDays \(received 1\.5\): use a whole number of days/,
    );
  });

  it('fails when the downstream account or roles are wrong, with every problem at once', () => {
    expect(() =>
      synthRepository({
        purpose: 'bad purpose',
        keepTaggedImages: -1,
        downstream: {
          accountId: '111111111111',
          principalArns: ['arn:aws:iam::333333333333:role/genai-prod-*'],
        },
      }),
    ).toThrow(
      /ContainerRepository .*: 4 invalid props:\n {2}- purpose .*Invalid ecr-repository name.*\n {2}- downstream\.accountId \(received "111111111111"\).*\n {2}- downstream\.principalArns \(received "arn:aws:iam::333333333333:role\/genai-prod-\*"\).*\n {2}- keepTaggedImages \(received -1\)/,
    );
  });

  it('fails when a principal ARN is a wildcard, which would admit every role of the next account that matches', () => {
    expect(() =>
      synthRepository({
        downstream: {
          accountId: TEST_ACCOUNT,
          principalArns: [`arn:aws:iam::${TEST_ACCOUNT}:role/genai-test-*`],
        },
      }),
    ).toThrow(
      `downstream.principalArns (received "arn:aws:iam::${TEST_ACCOUNT}:role/genai-test-*"): a wildcard; name each role that reads exactly (platformRoleArn in @genai-sandbox/config)`,
    );
  });

  it('fails when principalArns is empty', () => {
    expect(() =>
      synthRepository({ downstream: { accountId: TEST_ACCOUNT, principalArns: [] } }),
    ).toThrow(/downstream\.principalArns \(received \[\]\): the list is empty/);
  });

  it('accepts values only known at deploy time', () => {
    const stack = testStack();
    const key = new PlatformKey(stack, 'Key', { purpose: 'platform', description: 'Platform key' });
    const variable = (name: string, type: 'string' | 'number') =>
      new TerraformVariable(stack, name, { type });
    expect(
      () =>
        new ContainerRepository(stack, 'Repository', {
          purpose: 'llm',
          encryptionKey: key,
          keepTaggedImages: variable('keep', 'number').numberValue,
          untaggedImageDays: variable('days', 'number').numberValue,
          downstream: {
            accountId: variable('account', 'string').stringValue,
            principalArns: [variable('role', 'string').stringValue],
          },
        }),
    ).not.toThrow();
  });

  it('fails when the purpose is only known at deploy time, since it is part of the name', () => {
    const stack = testStack();
    const key = new PlatformKey(stack, 'Key', { purpose: 'platform', description: 'Platform key' });
    const purpose = new TerraformVariable(stack, 'purpose', { type: 'string' }).stringValue;
    expect(
      () => new ContainerRepository(stack, 'Repository', { purpose, encryptionKey: key }),
    ).toThrow(/purpose \(received .*\): must be known at synth time/);
  });
});
