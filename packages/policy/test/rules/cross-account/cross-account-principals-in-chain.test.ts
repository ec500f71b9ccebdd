import { crossAccountPrincipalsInChain as rule } from '../../../src/rules/cross-account/cross-account-principals-in-chain';
import type { StackModel } from '../../../src/model/stack-model';
import { check, CONTEXT, policy, stackOf, violations } from '../../helpers';

const DEV = '111111111111';
const TEST = '222222222222';
const PROD = '333333333333';
const STAGING = '444444444444';
const OUTSIDER = '999999999999';
const root = (account: string) => `arn:aws:iam::${account}:root`;
const deployRole = (account: string, env: string) =>
  `arn:aws:iam::${account}:role/genai-${env}-github-deploy`;

/** A stack deployed into `account` (stackOf's provider is dev's). */
const inAccount = (stack: StackModel, account: string): StackModel => ({
  ...stack,
  accountIds: [account],
});

const PROMOTION_EVENTS = {
  StringEquals: {
    'events:source': 'aws.sagemaker',
    'events:detail-type': 'SageMaker Model Package State Change',
  },
};

/** The promotion bus of `account`, letting `principal` put events under `condition`. */
function promotionBus(account: string, principal: unknown, condition?: Record<string, unknown>) {
  return inAccount(
    stackOf({
      aws_cloudwatch_event_bus_policy: {
        Promotion_BusPolicy_3C4D5E6F: {
          event_bus_name: '${aws_cloudwatch_event_bus.Promotion_Bus_1A2B3C4D.name}',
          policy: policy({
            Sid: 'PreviousAccountPutsPromotionEvents',
            Effect: 'Allow',
            Principal: principal,
            Action: 'events:PutEvents',
            Resource: '${aws_cloudwatch_event_bus.Promotion_Bus_1A2B3C4D.arn}',
            ...(condition ? { Condition: condition } : {}),
          }),
        },
      },
    }),
    account,
  );
}
const BUS = 'aws_cloudwatch_event_bus_policy.Promotion_BusPolicy_3C4D5E6F';

/** Dev's model registry, readable by `principal` (the next account's deploy role). */
function registry(principal: unknown, condition?: Record<string, unknown>) {
  return stackOf({
    aws_sagemaker_model_package_group_policy: {
      Registry_GroupPolicy_7A8B9C0D: {
        model_package_group_name:
          '${aws_sagemaker_model_package_group.Registry_Group_5E6F7A8B.model_package_group_name}',
        resource_policy: policy({
          Sid: 'NextAccountReadsApprovedPackages',
          Effect: 'Allow',
          Principal: principal,
          Action: [
            'sagemaker:DescribeModelPackageGroup',
            'sagemaker:DescribeModelPackage',
            'sagemaker:ListModelPackages',
          ],
          Resource: [
            `arn:aws:sagemaker:eu-west-1:${DEV}:model-package-group/fraud-detection`,
            `arn:aws:sagemaker:eu-west-1:${DEV}:model-package/fraud-detection/*`,
          ],
          ...(condition ? { Condition: condition } : {}),
        }),
      },
    },
  });
}
const REGISTRY = 'aws_sagemaker_model_package_group_policy.Registry_GroupPolicy_7A8B9C0D';
const FROM_TEST_DEPLOY = { ArnEquals: { 'aws:PrincipalArn': deployRole(TEST, 'test') } };

function ecr(principal: unknown, condition?: Record<string, unknown>) {
  return stackOf({
    aws_ecr_repository_policy: {
      Images_RepositoryPolicy_2B3C4D5E: {
        repository: '${aws_ecr_repository.Images_Repository_1A2B3C4D.name}',
        policy: policy({
          Sid: 'NextAccountPullsImages',
          Effect: 'Allow',
          Principal: principal,
          Action: [
            'ecr:BatchGetImage',
            'ecr:GetDownloadUrlForLayer',
            'ecr:BatchCheckLayerAvailability',
          ],
          ...(condition ? { Condition: condition } : {}),
        }),
      },
    },
  });
}
const ECR = 'aws_ecr_repository_policy.Images_RepositoryPolicy_2B3C4D5E';

/** Dev's platform key: the account administers it; the next account decrypts through S3 only. */
function platformKey(extra: Record<string, unknown>) {
  return stackOf({
    aws_kms_key: {
      PlatformKey_9FD66B6F: {
        enable_key_rotation: true,
        policy: policy(
          {
            Sid: 'AccountAdministersKeyThroughIam',
            Effect: 'Allow',
            Principal: { AWS: root(DEV) },
            Action: 'kms:*',
            Resource: '*',
          },
          {
            Sid: 'CloudWatchLogsOfThisAccount',
            Effect: 'Allow',
            Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
            Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*'],
            Resource: '*',
          },
          {
            Sid: 'NextAccountDecryptsArtifacts',
            Effect: 'Allow',
            Action: 'kms:Decrypt',
            Resource: '*',
            ...extra,
          },
        ),
      },
    },
  });
}
const KEY = 'aws_kms_key.PlatformKey_9FD66B6F';

function bucketPolicy(...statements: Record<string, unknown>[]) {
  return stackOf({
    aws_s3_bucket_policy: {
      Data_Policy_0BAC7641: {
        bucket: '${aws_s3_bucket.Data_Bucket_2F966F33.id}',
        policy: policy(
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [
              '${aws_s3_bucket.Data_Bucket_2F966F33.arn}',
              '${aws_s3_bucket.Data_Bucket_2F966F33.arn}/*',
            ],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
          ...statements,
        ),
      },
    },
  });
}
const BUCKET = 'aws_s3_bucket_policy.Data_Policy_0BAC7641';

const FOUR_ENVIRONMENTS = { ...CONTEXT, chainAccountIds: [DEV, TEST, STAGING, PROD] };

describe('cross-account-principals-in-chain', () => {
  describe('dev -> test -> prod', () => {
    it("passes test's promotion bus, which admits dev's promotion events only", async () => {
      expect(
        await violations(rule, promotionBus(TEST, { AWS: root(DEV) }, PROMOTION_EVENTS), BUS),
      ).toEqual([]);
    });

    it("passes dev's registry, which test's deploy role may read", async () => {
      expect(
        await violations(rule, registry({ AWS: root(TEST) }, FROM_TEST_DEPLOY), REGISTRY),
      ).toEqual([]);
    });

    it('passes an ECR repository the next account pulls from, under a condition', async () => {
      expect(
        await violations(rule, ecr({ AWS: deployRole(TEST, 'test') }, FROM_TEST_DEPLOY), ECR),
      ).toEqual([]);
    });

    it('passes a key the next account decrypts through S3 only', async () => {
      const stack = platformKey({
        Principal: { AWS: root(TEST) },
        Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
      });
      expect(await violations(rule, stack, KEY)).toEqual([]);
    });

    it("passes principals of this stack's own account and of its own resources, without conditions", async () => {
      const stack = registry({ AWS: [root(DEV), '${aws_iam_role.Training_Role_1A2B3C4D.arn}'] });
      expect(await violations(rule, stack, REGISTRY)).toEqual([]);
    });

    it('passes a bucket policy whose only statements are denials and service principals', async () => {
      const stack = bucketPolicy({
        Sid: 'S3ServerAccessLogDelivery',
        Effect: 'Allow',
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: '${aws_s3_bucket.Data_Bucket_2F966F33.arn}/*',
      });
      expect(await violations(rule, stack, BUCKET)).toEqual([]);
    });

    it('leaves a conditioned "*" principal on a bucket policy or key to their own rules', async () => {
      const organisation = { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } };
      const bucket = bucketPolicy({
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 's3:GetObject',
        Resource: '${aws_s3_bucket.Data_Bucket_2F966F33.arn}/*',
        Condition: organisation,
      });
      expect(await violations(rule, bucket, BUCKET)).toEqual([]);
      expect(
        await violations(rule, platformKey({ Principal: '*', Condition: organisation }), KEY),
      ).toEqual([]);
    });

    it('does not apply to a key without a policy (the default key policy)', async () => {
      const stack = stackOf({
        aws_kms_key: { PlatformKey_9FD66B6F: { enable_key_rotation: true } },
      });
      expect(await check(rule, stack, KEY)).toEqual([{ status: 'not-applicable' }]);
    });

    it('fails when the promotion bus admits "*", even with the event conditions', async () => {
      expect(await violations(rule, promotionBus(TEST, '*', PROMOTION_EVENTS), BUS)).toEqual([
        'policy statement "PreviousAccountPutsPromotionEvents": AWS principal "*" admits every AWS account; name the accounts of the chain instead',
      ]);
    });

    it('fails when the registry or ECR repository admits "*", even under a condition', async () => {
      expect(await violations(rule, registry({ AWS: '*' }, FROM_TEST_DEPLOY), REGISTRY)).toEqual([
        'resource_policy statement "NextAccountReadsApprovedPackages": AWS principal "*" admits every AWS account; name the accounts of the chain instead',
      ]);
      expect(await violations(rule, ecr({ AWS: ['*'] }, FROM_TEST_DEPLOY), ECR)).toEqual([
        'policy statement "NextAccountPullsImages": AWS principal "*" admits every AWS account; name the accounts of the chain instead',
      ]);
    });

    it('fails when a bucket policy or key admits "*" without a condition', async () => {
      const bucket = bucketPolicy({
        Sid: 'PublicRead',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: '${aws_s3_bucket.Data_Bucket_2F966F33.arn}/*',
      });
      expect(await violations(rule, bucket, BUCKET)).toEqual([
        'policy statement "PublicRead": AWS principal "*" admits every AWS account; name the accounts of the chain instead',
      ]);
      expect(await violations(rule, platformKey({ Principal: { AWS: '*' } }), KEY)).toEqual([
        expect.stringContaining('statement "NextAccountDecryptsArtifacts": AWS principal "*"'),
      ]);
    });

    it('fails when a queue policy admits "*", even under a condition', async () => {
      const stack = stackOf({
        aws_sqs_queue_policy: {
          Promotion_DeadLetterPolicy_1A2B3C4D: {
            queue_url: '${aws_sqs_queue.Promotion_DeadLetter_5E6F7A8B.url}',
            policy: policy({
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: 'sqs:SendMessage',
              Resource: '${aws_sqs_queue.Promotion_DeadLetter_5E6F7A8B.arn}',
              Condition: {
                ArnEquals: {
                  'aws:SourceArn': '${aws_cloudwatch_event_rule.Promotion_Forward_9A8B7C6D.arn}',
                },
              },
            }),
          },
        },
      });
      expect(
        await violations(rule, stack, 'aws_sqs_queue_policy.Promotion_DeadLetterPolicy_1A2B3C4D'),
      ).toEqual([
        'policy statement #1: AWS principal "*" admits every AWS account; name the accounts of the chain instead',
      ]);
    });

    it('fails when a principal is in an account outside the chain, naming the account', async () => {
      expect(
        await violations(rule, promotionBus(TEST, { AWS: root(OUTSIDER) }, PROMOTION_EVENTS), BUS),
      ).toEqual([
        'policy statement "PreviousAccountPutsPromotionEvents": AWS principal arn:aws:iam::999999999999:root is in account 999999999999, which is not of the promotion chain (111111111111, 222222222222, 333333333333)',
      ]);
    });

    it('fails when a bare account ID outside the chain is admitted to the key', async () => {
      const stack = platformKey({
        Principal: { AWS: [root(TEST), OUTSIDER] },
        Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
      });
      expect(await violations(rule, stack, KEY)).toEqual([
        expect.stringContaining(
          'AWS principal 999999999999 is in account 999999999999, which is not of the promotion chain',
        ),
      ]);
    });

    it('fails when the bus admits a chain account without an events:source or events:detail-type condition', async () => {
      const stack = promotionBus(
        PROD,
        { AWS: root(TEST) },
        { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      );
      expect(await violations(rule, stack, BUS)).toEqual([
        'policy statement "PreviousAccountPutsPromotionEvents": admits chain account 222222222222 without an events:source or events:detail-type condition, so it may put any event on the bus',
      ]);
    });

    it('fails when the registry admits a chain account without any condition', async () => {
      expect(
        await violations(rule, registry({ AWS: [root(TEST), deployRole(PROD, 'prod')] }), REGISTRY),
      ).toEqual([
        'resource_policy statement "NextAccountReadsApprovedPackages": admits chain account 333333333333, which is not the next account of the chain (222222222222); registries, images, artifacts and keys are read by the next account only',
        'resource_policy statement "NextAccountReadsApprovedPackages": admits chain account 222222222222, 333333333333 without a Condition; narrow it (aws:PrincipalArn, kms:ViaService, ...)',
      ]);
    });

    it('fails when a promotion bus admits the next account instead of the previous one', async () => {
      expect(
        await violations(rule, promotionBus(TEST, { AWS: root(PROD) }, PROMOTION_EVENTS), BUS),
      ).toEqual([
        'policy statement "PreviousAccountPutsPromotionEvents": admits chain account 333333333333, which is not the previous account of the chain (111111111111); a promotion bus receives from the previous account only',
      ]);
    });

    it('fails when the first account of the chain has a promotion bus admitting any chain account', async () => {
      expect(
        await violations(rule, promotionBus(DEV, { AWS: root(TEST) }, PROMOTION_EVENTS), BUS),
      ).toEqual([
        expect.stringContaining(
          'admits chain account 222222222222, which is not the previous account of the chain (none: this is the first account)',
        ),
      ]);
    });

    it("fails when test's registry is read by the previous account, or dev's images by prod", async () => {
      const fromDev = { ArnEquals: { 'aws:PrincipalArn': deployRole(DEV, 'dev') } };
      expect(
        await violations(rule, inAccount(registry({ AWS: root(DEV) }, fromDev), TEST), REGISTRY),
      ).toEqual([
        expect.stringContaining(
          'admits chain account 111111111111, which is not the next account of the chain (333333333333)',
        ),
      ]);
      const fromProd = { ArnEquals: { 'aws:PrincipalArn': deployRole(PROD, 'prod') } };
      expect(await violations(rule, ecr({ AWS: root(PROD) }, fromProd), ECR)).toEqual([
        expect.stringContaining('admits chain account 333333333333, which is not the next account'),
      ]);
    });

    it("fails when the last account's key is read by another chain account", async () => {
      const stack = inAccount(
        platformKey({
          Principal: { AWS: root(TEST) },
          Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
        }),
        PROD,
      );
      // (The fixture's administration statement names dev's root, which is found as well.)
      expect(await violations(rule, stack, KEY)).toContainEqual(
        expect.stringContaining(
          '"NextAccountDecryptsArtifacts": admits chain account 222222222222, which is not the next account of the chain (none: this is the last account)',
        ),
      );
    });

    it('fails when aws:PrincipalArn names roles of the next account by pattern, or of another account', async () => {
      const pattern = { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${TEST}:role/genai-test-*` } };
      expect(await violations(rule, ecr({ AWS: root(TEST) }, pattern), ECR)).toEqual([
        `policy statement "NextAccountPullsImages": aws:PrincipalArn arn:aws:iam::${TEST}:role/genai-test-* names roles by pattern, which admits every matching role of that account (its plan role, roles its deploy role creates); name each role exactly`,
      ]);
      const other = { ArnEquals: { 'aws:PrincipalArn': deployRole(PROD, 'prod') } };
      expect(await violations(rule, ecr({ AWS: root(TEST) }, other), ECR)).toEqual([
        `policy statement "NextAccountPullsImages": aws:PrincipalArn ${deployRole(PROD, 'prod')} is in account ${PROD}, not the admitted account ${TEST}`,
      ]);
    });

    it("fails when the stack's account is off the chain, so the direction cannot be told", async () => {
      expect(
        await violations(
          rule,
          inAccount(registry({ AWS: root(TEST) }, FROM_TEST_DEPLOY), OUTSIDER),
          REGISTRY,
        ),
      ).toEqual([
        expect.stringContaining(
          'is not of the chain, so the direction of promotion cannot be told',
        ),
      ]);
    });

    it('fails when the account of a principal cannot be told from the configuration', async () => {
      const stack = registry(
        { AWS: '${data.terraform_remote_state.test.outputs.deploy_role_arn}' },
        FROM_TEST_DEPLOY,
      );
      expect(await violations(rule, stack, REGISTRY)).toEqual([
        expect.stringContaining(
          'the account of AWS principal ${data.terraform_remote_state.test.outputs.deploy_role_arn} cannot be told',
        ),
      ]);
    });

    it('passes once the plan resolves that principal to a chain account', async () => {
      const configured = registry(
        { AWS: '${data.terraform_remote_state.test.outputs.deploy_role_arn}' },
        FROM_TEST_DEPLOY,
      );
      const resolved = JSON.parse(
        registry({ AWS: deployRole(TEST, 'test') }, FROM_TEST_DEPLOY).resources[0].config
          .resource_policy as string,
      ) as Record<string, unknown>;
      const stack = stackOf(
        {
          aws_sagemaker_model_package_group_policy: {
            Registry_GroupPolicy_7A8B9C0D: configured.resources[0].config,
          },
        },
        {
          plan: {
            planned_values: {
              root_module: {
                resources: [
                  {
                    address: REGISTRY,
                    mode: 'managed',
                    type: 'aws_sagemaker_model_package_group_policy',
                    name: 'Registry_GroupPolicy_7A8B9C0D',
                    values: {
                      model_package_group_name: 'genai-dev-fraud-detection',
                      resource_policy: JSON.stringify(resolved),
                    },
                  },
                ],
              },
            },
          },
        },
      );
      expect(await violations(rule, stack, REGISTRY)).toEqual([]);
    });

    it('fails when an Allow statement uses NotPrincipal', async () => {
      const stack = stackOf({
        aws_ecr_repository_policy: {
          Images_RepositoryPolicy_2B3C4D5E: {
            repository: '${aws_ecr_repository.Images_Repository_1A2B3C4D.name}',
            policy: policy({
              Sid: 'EveryoneButDev',
              Effect: 'Allow',
              NotPrincipal: { AWS: root(DEV) },
              Action: 'ecr:BatchGetImage',
              Condition: FROM_TEST_DEPLOY,
            }),
          },
        },
      });
      expect(await violations(rule, stack, ECR)).toEqual([
        'policy statement "EveryoneButDev": NotPrincipal in an Allow statement admits every account it does not name',
      ]);
    });

    it('fails when the policy is not a JSON document', async () => {
      const stack = stackOf({
        aws_sns_topic_policy: {
          Alerts_Policy_1A2B3C4D: {
            arn: '${aws_sns_topic.Alerts_Topic_5E6F7A8B.arn}',
            policy: '${data.aws_iam_policy_document.alerts.json}',
          },
        },
      });
      expect(await violations(rule, stack, 'aws_sns_topic_policy.Alerts_Policy_1A2B3C4D')).toEqual([
        expect.stringMatching(
          /^policy is not a JSON policy document \(.*\): its principals cannot be checked$/,
        ),
      ]);
    });
  });

  describe('a four-environment chain from configuration', () => {
    it('passes the staging account once the configuration puts it in the chain', async () => {
      const stack = promotionBus(PROD, { AWS: root(STAGING) }, PROMOTION_EVENTS);
      expect(await violations(rule, stack, BUS, FOUR_ENVIRONMENTS)).toEqual([]);
      const fromStaging = { ArnEquals: { 'aws:PrincipalArn': deployRole(STAGING, 'staging') } };
      expect(
        await violations(
          rule,
          inAccount(registry({ AWS: root(STAGING) }, fromStaging), TEST),
          REGISTRY,
          FOUR_ENVIRONMENTS,
        ),
      ).toEqual([]);
    });

    it('fails when the same staging account is admitted under the three-account chain', async () => {
      const stack = promotionBus(PROD, { AWS: root(STAGING) }, PROMOTION_EVENTS);
      expect(await violations(rule, stack, BUS)).toEqual([
        expect.stringContaining(
          'is in account 444444444444, which is not of the promotion chain (111111111111, 222222222222, 333333333333)',
        ),
      ]);
    });

    it('fails when an account outside the four-environment chain is admitted, listing that chain', async () => {
      const stack = promotionBus(STAGING, { AWS: root(OUTSIDER) }, PROMOTION_EVENTS);
      expect(await violations(rule, stack, BUS, FOUR_ENVIRONMENTS)).toEqual([
        expect.stringContaining(
          'which is not of the promotion chain (111111111111, 222222222222, 444444444444, 333333333333)',
        ),
      ]);
    });

    it('still requires the event conditions for a chain account of the four', async () => {
      expect(
        await violations(rule, promotionBus(PROD, { AWS: root(STAGING) }), BUS, FOUR_ENVIRONMENTS),
      ).toEqual([
        expect.stringContaining(
          'admits chain account 444444444444 without an events:source or events:detail-type condition',
        ),
      ]);
    });
  });
});
