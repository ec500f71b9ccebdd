import type { AlarmThresholds } from '@genai-sandbox/config';
import { PlatformStack } from '@genai-sandbox/core';
import type { IConstruct } from 'constructs';

/** The alarm thresholds of the environment a construct is in (`observability.thresholds`). */
export function thresholdsOf(scope: IConstruct): AlarmThresholds {
  return PlatformStack.of(scope).environment.observability.thresholds;
}

/** SageMaker reports ModelLatency in microseconds. */
export const MICROSECONDS_PER_SECOND = 1_000_000;

/** The period of the platform's alarms: five minutes smooths single slow requests. */
export const ALARM_PERIOD_SECONDS = 300;
