import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesOfType, synthesize, testStack } from '@genai-sandbox/core/testing';
import { PlatformKey } from '@genai-sandbox/security';
import { endpointMonitoring } from './readme-example';

// Examples are tests (docs/architecture.md#conventions): the README shows readme-example.ts verbatim, and it synthesizes.
describe('README example', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

  it('is the code of test/readme-example.ts', () => {
    const example = readFileSync(join(__dirname, 'readme-example.ts'), 'utf8');
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
    expect(blocks).toContain(example);
  });

  it('synthesizes three alarms on the alarm topic and an encrypted log group', () => {
    const stack = testStack({ project: 'fraud-detection' });
    const key = new PlatformKey(stack, 'Key', { purpose: 'platform', description: 'Platform key' });
    endpointMonitoring(stack, key, 'genai-dev-fraud-detection-realtime');
    const json = synthesize(stack);
    const alarms = Object.values(resourcesOfType(json, 'aws_cloudwatch_metric_alarm'));
    expect(alarms.map((alarm) => alarm.alarm_name).sort()).toEqual([
      'genai-dev-fraud-detection-realtime-error-rate',
      'genai-dev-fraud-detection-realtime-idle',
      'genai-dev-fraud-detection-realtime-latency-p99',
    ]);
    for (const alarm of alarms)
      expect(alarm.alarm_actions).toEqual(['arn:aws:sns:eu-west-1:111111111111:genai-dev-alarms']);
    expect(Object.values(resourcesOfType(json, 'aws_cloudwatch_log_group'))).toEqual([
      expect.objectContaining({ name: '/genai/dev/fraud-detection/realtime/invocations' }),
    ]);
  });
});
