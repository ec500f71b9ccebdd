import {
  attribute,
  mergeKnown,
  resourcesReferencing,
  stackModelFromJson,
} from '../../src/model/stack-model';

const synthesized = {
  provider: {
    aws: [
      { allowed_account_ids: ['111111111111'], default_tags: [{ tags: { platform: 'genai' } }] },
    ],
  },
  resource: {
    aws_s3_bucket: {
      Data: {
        '//': {
          metadata: { path: 'stack/Data' },
          policy_suppressions: [{ rule: 'r', reason: 'because' }],
        },
        bucket: 'b',
      },
    },
    aws_s3_bucket_server_side_encryption_configuration: {
      DataEncryption: {
        bucket: '${aws_s3_bucket.Data.id}',
        rule: [
          {
            apply_server_side_encryption_by_default: {
              sse_algorithm: 'aws:kms',
              kms_master_key_id: '${aws_kms_key.Key.arn}',
            },
          },
        ],
      },
    },
  },
  data: { aws_caller_identity: { Me: {} } },
};
const plan = {
  planned_values: {
    root_module: {
      resources: [
        {
          address: 'aws_s3_bucket_server_side_encryption_configuration.DataEncryption',
          mode: 'managed',
          type: 'aws_s3_bucket_server_side_encryption_configuration',
          name: 'DataEncryption',
          // The key ARN is known only after apply: the plan leaves it null inside the block.
          values: {
            bucket: 'b',
            rule: [
              {
                apply_server_side_encryption_by_default: [
                  { sse_algorithm: 'aws:kms', kms_master_key_id: null },
                ],
              },
            ],
          },
        },
      ],
    },
  },
};

describe('stack model', () => {
  const model = stackModelFromJson('stack', synthesized, plan);

  it('reads resources, metadata, suppressions, data sources, default tags and the account', () => {
    expect(model.source).toBe('plan');
    expect(model.resources.map((resource) => resource.address)).toEqual([
      'aws_s3_bucket.Data',
      'aws_s3_bucket_server_side_encryption_configuration.DataEncryption',
    ]);
    expect(model.resources[0]).toMatchObject({
      constructPath: 'stack/Data',
      suppressions: [{ rule: 'r', reason: 'because' }],
      config: { bucket: 'b' },
    });
    expect(model.resources[0].config).not.toHaveProperty('//');
    expect(model.dataSources.map((source) => source.address)).toEqual([
      'data.aws_caller_identity.Me',
    ]);
    expect(model.defaultTags).toEqual({ platform: 'genai' });
    expect(model.accountIds).toEqual(['111111111111']);
  });

  it('prefers planned values but keeps configured references where the plan does not know the value', () => {
    const encryption = model.resources[1];
    expect(attribute(encryption, 'bucket')).toBe('b');
    expect(attribute(encryption, 'rule')).toEqual([
      {
        apply_server_side_encryption_by_default: [
          { sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.Key.arn}' },
        ],
      },
    ]);
  });

  it('finds the resources that refer to another', () => {
    expect(
      resourcesReferencing(
        model,
        model.resources[0],
        'aws_s3_bucket_server_side_encryption_configuration',
      ),
    ).toEqual([model.resources[1]]);
  });

  it('merges known values deeply', () => {
    expect(mergeKnown({ a: 1, b: '${x}' }, { a: 2, b: null, c: 3 })).toEqual({
      a: 2,
      b: '${x}',
      c: 3,
    });
    expect(mergeKnown('${x}', undefined)).toBe('${x}');
    expect(mergeKnown(['${x}'], ['known'])).toEqual(['known']);
  });
});
