import { testConfiguration } from '@genai-sandbox/core/testing';
import { TerraformVariable } from 'cdktf';
import { ObservabilityLink, ObservabilitySink, SHARED_RESOURCE_TYPES } from '../src';
import { statementsOf, synth } from './helpers';

const SINK = 'arn:aws:oam:eu-west-1:444444444444:sink/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';

describe('ObservabilitySink', () => {
  const { only, construct } = synth(
    (stack) =>
      new ObservabilitySink(stack, 'Sink', {
        sourceAccountIds: ['222222222222', '333333333333'],
        organizationId: 'o-a1b2c3d4e5',
      }),
  );

  it('creates a named sink', () => {
    expect(only('aws_oam_sink')).toMatchObject({ name: 'genai-dev-observability' });
    expect(construct.sinkName).toBe('genai-dev-observability');
  });

  it('admits only the environment accounts, inside the organization, for metrics, logs and traces', () => {
    const policy = only('aws_oam_sink_policy');
    expect(policy.sink_identifier).toMatch(/^\$\{aws_oam_sink\.Sink_[A-F0-9_]+\.arn\}$/);
    expect(statementsOf(policy)).toEqual([
      {
        Sid: 'PlatformEnvironmentsLinkMetricsLogsTraces',
        Effect: 'Allow',
        Principal: {
          AWS: ['arn:aws:iam::222222222222:root', 'arn:aws:iam::333333333333:root'],
        },
        Action: ['oam:CreateLink', 'oam:UpdateLink'],
        Resource: '*',
        Condition: {
          'ForAllValues:StringEquals': {
            'oam:ResourceTypes': [
              'AWS::CloudWatch::Metric',
              'AWS::Logs::LogGroup',
              'AWS::XRay::Trace',
            ],
          },
          Null: { 'oam:ResourceTypes': 'false' },
          StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' },
        },
      },
    ]);
  });

  it('fails when a source account is its own account or malformed, and when the organization is', () => {
    expect(() =>
      synth(
        (stack) =>
          new ObservabilitySink(stack, 'Sink', {
            sourceAccountIds: ['111111111111', '12345'],
            organizationId: 'org-1',
          }),
      ),
    ).toThrow(
      /2 invalid props:[\s\S]*sourceAccountIds \(received \["111111111111","12345"\]\)[\s\S]*organizationId \(received "org-1"\)/,
    );
  });

  it('fails when no account may link', () => {
    expect(() =>
      synth(
        (stack) =>
          new ObservabilitySink(stack, 'Sink', {
            sourceAccountIds: [],
            organizationId: 'o-a1b2c3d4e5',
          }),
      ),
    ).toThrow(/sourceAccountIds \(received \[\]\): name the environment accounts/);
  });
});

describe('ObservabilityLink', () => {
  it('shares metrics, logs and traces with the sink, labelled with the account name', () => {
    const { only } = synth((stack) => new ObservabilityLink(stack, 'Link', { sinkArn: SINK }));
    expect(only('aws_oam_link')).toEqual({
      sink_identifier: SINK,
      label_template: '$AccountName',
      resource_types: [...SHARED_RESOURCE_TYPES],
    });
  });

  it('fails when the sink is in another region', () => {
    const config = testConfiguration();
    expect(() =>
      synth(
        (stack) =>
          new ObservabilityLink(stack, 'Link', { sinkArn: SINK.replace('eu-west-1', 'us-east-1') }),
        { config },
      ),
    ).toThrow(
      /sinkArn .*: expected a sink of another account in eu-west-1: links stay within a region/,
    );
  });

  it('skips the check of a sink ARN known only at deploy time', () => {
    const { only } = synth((stack) => {
      const sinkArn = new TerraformVariable(stack, 'sink_arn', { type: 'string' }).stringValue;
      return new ObservabilityLink(stack, 'Link', { sinkArn });
    });
    expect(only('aws_oam_link').sink_identifier).toBe('${var.sink_arn}');
  });
});
