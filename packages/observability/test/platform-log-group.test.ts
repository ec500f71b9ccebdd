import { testConfiguration } from '@genai-sandbox/core/testing';
import { JobFailureNotification, PlatformLogGroup } from '../src';
import { synth, TOPIC_ARN } from './helpers';

describe('PlatformLogGroup', () => {
  it('is encrypted with the key, named by the platform and keeps the environment retention', () => {
    const config = testConfiguration((fixture) => {
      fixture.environments.dev.logRetentionDays = 90;
    });
    const { only, construct } = synth(
      (stack, key) =>
        new PlatformLogGroup(stack, 'Logs', { purpose: ['pipelines'], encryptionKey: key }),
      { config },
    );
    expect(only('aws_cloudwatch_log_group')).toEqual({
      name: '/genai/dev/pipelines',
      kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\.Key_[A-F0-9_]+\.arn\}$/),
      retention_in_days: 90,
    });
    expect(construct.logGroupArn).toBe(
      'arn:aws:logs:eu-west-1:111111111111:log-group:/genai/dev/pipelines',
    );
  });

  it('keeps production logs longer by default and from destroy', () => {
    const { only } = synth(
      (stack, key) =>
        new PlatformLogGroup(stack, 'Logs', { purpose: ['pipelines'], encryptionKey: key }),
      { environment: 'prod' },
    );
    // The fixture leaves prod at the schema default; the example prod.json sets 731.
    expect(only('aws_cloudwatch_log_group')).toMatchObject({
      retention_in_days: 365,
      lifecycle: { prevent_destroy: true },
    });
  });

  it('fails when the retention is not a CloudWatch value, and when the purpose is empty', () => {
    expect(() =>
      synth(
        (stack, key) =>
          new PlatformLogGroup(stack, 'Logs', {
            purpose: [],
            encryptionKey: key,
            retentionDays: 42,
          }),
      ),
    ).toThrow(
      /2 invalid props:[\s\S]*retentionDays \(received 42\)[\s\S]*purpose \(received \[\]\)/,
    );
  });
});

describe('JobFailureNotification', () => {
  it('sends failed batch transform jobs of the project to the alarm topic', () => {
    const { only } = synth(
      (stack) =>
        new JobFailureNotification(stack, 'BatchFailures', {
          jobKind: 'transform',
          jobNamePrefix: 'genai-dev-fraud-detection',
          purpose: 'batch-transform',
        }),
    );
    expect(only('aws_cloudwatch_event_rule')).toMatchObject({
      name: 'genai-dev-batch-transform-failed',
    });
    expect(JSON.parse(only('aws_cloudwatch_event_rule').event_pattern as string)).toEqual({
      source: ['aws.sagemaker'],
      'detail-type': ['SageMaker Transform Job State Change'],
      detail: {
        TransformJobStatus: ['Failed'],
        TransformJobName: [{ prefix: 'genai-dev-fraud-detection' }],
      },
    });
    expect(only('aws_cloudwatch_event_target').arn).toBe(TOPIC_ARN);
  });

  it('fails when the prefix is empty', () => {
    expect(() =>
      synth(
        (stack) =>
          new JobFailureNotification(stack, 'Failures', {
            jobKind: 'training',
            jobNamePrefix: '',
            purpose: 'training',
          }),
      ),
    ).toThrow(/jobNamePrefix \(received ""\): name a prefix/);
  });
});
