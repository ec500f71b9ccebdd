import {
  containerImageUri,
  containerRepositoryArn,
  githubEnvironmentName,
  kmsKeyArnPattern,
  environmentNamer,
  kmsAliasArn,
  loadPlatformConfiguration,
  mlBucketName,
  ML_BUCKET_FOLDERS,
  ML_BUCKET_LAYOUT,
  mlBucketArn,
  modelPackageGroupArn,
  NamingError,
  permissionsBoundaryName,
  PLATFORM_ROLE_PURPOSES,
  platformBucketArnPattern,
  platformKeyAliasArn,
  platformKeyAliasName,
  platformRoleName,
  promotionDispatchName,
  promotionForwarderName,
  promotionForwarderQueueName,
  sharedServicesStackName,
  stackName,
  stateKeyAliasArn,
  stateKeyAliasName,
} from '../src';
import { writeConfigurationFixture } from '../src/testing';

describe('platform names', () => {
  const config = loadPlatformConfiguration(writeConfigurationFixture());
  const [dev, test] = config.environments;

  it('names the keys of an environment by alias', () => {
    expect(platformKeyAliasName(config, dev)).toBe('alias/genai-dev-platform');
    expect(platformKeyAliasArn(config, dev)).toBe(
      'arn:aws:kms:eu-west-1:111111111111:alias/genai-dev-platform',
    );
    expect(stateKeyAliasName(config, dev)).toBe('alias/genai-dev-state');
    expect(kmsKeyArnPattern(test)).toBe('arn:aws:kms:eu-west-1:222222222222:key/*');
  });

  it('names the state key in the environment', () => {
    expect(stateKeyAliasArn(config, dev)).toBe(
      'arn:aws:kms:eu-west-1:111111111111:alias/genai-dev-state',
    );
  });

  it('names roles by purpose, buckets, the boundary and the promotion rules', () => {
    expect(PLATFORM_ROLE_PURPOSES.map((purpose) => platformRoleName(config, dev, purpose))).toEqual(
      [
        'genai-dev-promotion',
        'genai-dev-github-deploy',
        'genai-dev-github-plan',
        'genai-dev-smus-provisioning',
        'genai-dev-smus-domain-execution',
        'genai-dev-smus-domain-service',
      ],
    );
    expect(mlBucketArn(config, dev, 'fraud-detection')).toBe(
      'arn:aws:s3:::genai-dev-fraud-detection-ml-111111111111',
    );
    expect(platformBucketArnPattern(config, dev)).toBe('arn:aws:s3:::genai-dev-*');
    expect(permissionsBoundaryName(config, dev)).toBe('genai-dev-permissions-boundary');
    expect(promotionForwarderName(config, dev)).toBe('genai-dev-forward-approvals');
    expect(promotionForwarderQueueName(config, dev)).toBe('genai-dev-forward-approvals-dlq');
    expect(promotionDispatchName(config, test)).toBe('genai-test-github-dispatch');
    expect(stackName('model-training', 'dev', 'fraud-detection')).toBe(
      'model-training-fraud-detection-dev',
    );
  });

  it('names the registry and the container repository of a group, in lower case', () => {
    expect(modelPackageGroupArn(dev, 'genai-llm-finetuned')).toBe(
      'arn:aws:sagemaker:eu-west-1:111111111111:model-package-group/genai-llm-finetuned',
    );
    expect(containerRepositoryArn(config, dev, 'Fraud-Model')).toBe(
      'arn:aws:ecr:eu-west-1:111111111111:repository/genai-dev-fraud-model',
    );
    expect(containerImageUri(config, dev, 'genai-llm-finetuned', 'training')).toBe(
      '111111111111.dkr.ecr.eu-west-1.amazonaws.com/genai-dev-genai-llm-finetuned:training',
    );
  });

  it('fails when a name breaks its service rule', () => {
    const long = 'a'.repeat(40);
    expect(() => mlBucketArn(config, dev, long)).toThrow(NamingError);
    expect(() => mlBucketArn(config, dev, long)).toThrow(/s3-bucket.*the maximum is 63/);
  });

  it('keeps every layout folder ending with "/" and lists the leaves once', () => {
    expect(ML_BUCKET_FOLDERS.length).toBeGreaterThan(10);
    for (const folder of ML_BUCKET_FOLDERS) expect(folder).toMatch(/^[a-z-]+(\/[a-z-]+)*\/$/);
    expect(ML_BUCKET_FOLDERS).not.toContain(ML_BUCKET_LAYOUT.artifacts.models);
    expect(ML_BUCKET_FOLDERS).toContain(ML_BUCKET_LAYOUT.artifacts.sagemakerFinetuned);
  });
});

describe('the shared-services account in names', () => {
  it('gives its GitHub environment and its every-account stacks names of their own', () => {
    expect(githubEnvironmentName('shared')).toBe('shared-services');
    expect(githubEnvironmentName('dev')).toBe('dev');
    expect(sharedServicesStackName('bootstrap')).toBe('bootstrap-shared-services');
  });
});

describe('platform names from explicit values, without a configuration', () => {
  // What a stack of another team passes: no file is read, so nothing needs environments/.
  const platform = { platform: { name: 'risk' } };
  const environment = { name: 'dev', accountId: '210987654321', region: 'eu-central-1' };

  it('computes the same names as from a configuration', () => {
    expect(environmentNamer(platform, environment, 'scoring').name('iam-role', 'jobs')).toBe(
      'risk-dev-scoring-jobs',
    );
    expect(mlBucketName(platform, environment, 'scoring')).toBe('risk-dev-scoring-ml-210987654321');
    expect(platformKeyAliasArn(platform, environment)).toBe(
      'arn:aws:kms:eu-central-1:210987654321:alias/risk-dev-platform',
    );
    expect(permissionsBoundaryName(platform, environment)).toBe('risk-dev-permissions-boundary');
    expect(kmsAliasArn('eu-west-1', environment, 'alias/risk-dev-data')).toBe(
      'arn:aws:kms:eu-west-1:210987654321:alias/risk-dev-data',
    );
  });

  it('fails when explicit values make a name its service refuses', () => {
    expect(() => mlBucketName({ platform: { name: 'Risk' } }, environment, 'scoring')).toThrow(
      NamingError,
    );
  });
});
