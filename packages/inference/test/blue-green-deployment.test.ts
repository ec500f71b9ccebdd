import { rolloutSchema } from '@genai-sandbox/config';
import { blueGreenDeployment, trafficRouting } from '../src';

describe('blueGreenDeployment', () => {
  it('shifts traffic as the rollout says and rolls back on the named alarms', () => {
    expect(blueGreenDeployment(rolloutSchema.parse({}), ['a-error-rate', 'a-latency-p99'])).toEqual(
      {
        blueGreenUpdatePolicy: {
          trafficRoutingConfiguration: {
            type: 'CANARY',
            canarySize: { type: 'CAPACITY_PERCENT', value: 10 },
            waitIntervalInSeconds: 600,
          },
          terminationWaitInSeconds: 300,
          maximumExecutionTimeoutInSeconds: 3600,
        },
        autoRollbackConfiguration: {
          alarms: [{ alarmName: 'a-error-rate' }, { alarmName: 'a-latency-p99' }],
        },
      },
    );
  });

  it.each([
    [
      { strategy: 'linear', stepPercent: 20 },
      { type: 'LINEAR', linearStepSize: { type: 'CAPACITY_PERCENT', value: 20 } },
    ],
    [{ strategy: 'all-at-once' }, { type: 'ALL_AT_ONCE' }],
  ])('routes traffic for %j', (rollout, expected) => {
    expect(trafficRouting(rolloutSchema.parse(rollout))).toEqual({
      waitIntervalInSeconds: 600,
      ...expected,
    });
  });
});
