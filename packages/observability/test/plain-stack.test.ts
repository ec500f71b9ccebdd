import { onlyResourceOfType, plainTestStack, synthesize } from '@genai-sandbox/core/testing';
import { PlatformKey } from '@genai-sandbox/security';
import {
  EndpointErrorRateAlarm,
  PlatformAlarmTopic,
  PlatformDashboard,
  PlatformLogGroup,
} from '../src';

describe('observability constructs in a plain TerraformStack', () => {
  it('synthesize a log group, an alarm topic and an alarm with explicit values and thresholds', () => {
    const stack = plainTestStack({ platform: 'risk', logRetentionDays: 90 });
    const key = new PlatformKey(stack, 'Key', {
      purpose: 'logs',
      description: 'Logs and alarms',
      allowAlarmNotifications: true,
    });
    new PlatformLogGroup(stack, 'Logs', { purpose: ['scoring'], encryptionKey: key });
    const topic = new PlatformAlarmTopic(stack, 'Alarms', {
      encryptionKey: key,
      subscriptions: [],
    });
    new EndpointErrorRateAlarm(stack, 'Errors', { endpointName: 'scoring', thresholdPercent: 2 });
    const json = synthesize(stack);
    expect(onlyResourceOfType(json, 'aws_cloudwatch_log_group')).toMatchObject({
      name: '/risk/dev/scoring',
      retention_in_days: 90,
    });
    expect(topic.topicArn).toBe('arn:aws:sns:eu-central-1:210987654321:risk-dev-alarms');
    expect(onlyResourceOfType(json, 'aws_cloudwatch_metric_alarm')).toMatchObject({
      alarm_actions: [topic.topicArn],
    });
  });

  it('fails when an alarm threshold that only the configuration has is not passed, naming the prop', () => {
    expect(
      () => new EndpointErrorRateAlarm(plainTestStack(), 'Errors', { endpointName: 'x' }),
    ).toThrow('pass thresholdPercent; its default comes from the platform configuration');
  });

  it('fails when the alarm topic is given no subscriptions, naming the prop', () => {
    const stack = plainTestStack();
    const key = PlatformKey.fromKeyArn(
      'arn:aws:kms:eu-central-1:210987654321:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
      'alias/team-dev-logs',
    );
    expect(() => new PlatformAlarmTopic(stack, 'Alarms', { encryptionKey: key })).toThrow(
      'team-stack/Alarms: pass subscriptions',
    );
  });

  it('synthesize a dashboard with a section per blueprint of the projects passed in', () => {
    const stack = plainTestStack({ platform: 'risk' });
    const dashboard = new PlatformDashboard(stack, 'Dashboard', {
      projects: [{ name: 'scoring', blueprints: ['inference-realtime', 'model-training'] }],
    });
    const body = dashboard.render();
    expect(dashboard.dashboardName).toBe('risk-dev-overview');
    expect(body).toContain('account 210987654321, eu-central-1');
    expect(body).toContain('risk-dev-scoring');
    expect(onlyResourceOfType(synthesize(stack), 'aws_cloudwatch_dashboard').dashboard_name).toBe(
      'risk-dev-overview',
    );
  });

  it('fails when a dashboard in a plain stack is given no projects, naming the prop', () => {
    expect(() => new PlatformDashboard(plainTestStack(), 'Dashboard')).toThrow(
      'team-stack/Dashboard: pass projects',
    );
  });
});
