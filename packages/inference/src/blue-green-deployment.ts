import type { SagemakerEndpointDeploymentConfig } from '@cdktf/provider-aws/lib/sagemaker-endpoint';
import type { RolloutSettings } from '@genai-sandbox/config';

/** SageMaker's traffic routing of a blue/green update, from the configured rollout. */
export function trafficRouting(rollout: RolloutSettings) {
  const size = { type: 'CAPACITY_PERCENT', value: rollout.stepPercent };
  const base = { waitIntervalInSeconds: rollout.waitIntervalSeconds };
  if (rollout.strategy === 'canary') return { ...base, type: 'CANARY', canarySize: size };
  if (rollout.strategy === 'linear') return { ...base, type: 'LINEAR', linearStepSize: size };
  return { ...base, type: 'ALL_AT_ONCE' };
}

/**
 * The deployment guardrail of an instance-based endpoint (real-time or asynchronous; SageMaker
 * offers none to serverless endpoints): a blue/green update shifting traffic as the rollout says,
 * rolled back automatically when one of `rollbackAlarmNames` fires during it. The alarms must
 * live in the endpoint's account and exist before the endpoint (add them to its `dependsOn`).
 */
export function blueGreenDeployment(
  rollout: RolloutSettings,
  rollbackAlarmNames: readonly string[],
): SagemakerEndpointDeploymentConfig {
  return {
    blueGreenUpdatePolicy: {
      trafficRoutingConfiguration: trafficRouting(rollout),
      terminationWaitInSeconds: rollout.terminationWaitSeconds,
      maximumExecutionTimeoutInSeconds: rollout.maximumExecutionTimeoutSeconds,
    },
    autoRollbackConfiguration: {
      alarms: rollbackAlarmNames.map((alarmName) => ({ alarmName })),
    },
  };
}
