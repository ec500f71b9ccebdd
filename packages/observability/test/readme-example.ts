import type { PlatformStack } from '@genai-sandbox/core';
import {
  EndpointErrorRateAlarm,
  EndpointLatencyAlarm,
  IdleEndpointAlarm,
  PlatformLogGroup,
} from '@genai-sandbox/observability';
import type { IKey } from '@genai-sandbox/security';

/** What a real-time inference blueprint adds for one endpoint of its project. */
export function endpointMonitoring(stack: PlatformStack, key: IKey, endpointName: string) {
  // Thresholds (5 %, 2 s, 24 h) come from observability.thresholds of <env>.json; every alarm
  // notifies the environment's alarm topic, which foundation creates.
  const alarms = [
    new EndpointErrorRateAlarm(stack, 'ErrorRate', { endpointName }),
    new EndpointLatencyAlarm(stack, 'Latency', { endpointName }),
    new IdleEndpointAlarm(stack, 'Idle', { endpointName }),
  ];
  const logs = new PlatformLogGroup(stack, 'InvocationLogs', {
    purpose: ['realtime', 'invocations'],
    encryptionKey: key,
  });
  return { alarms, logs };
}
