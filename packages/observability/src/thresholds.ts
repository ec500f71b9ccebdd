import type { AlarmThresholds } from '@genai-sandbox/config';
import { platformDefault } from '@genai-sandbox/core';
import type { IConstruct } from 'constructs';

/**
 * The alarm thresholds of the PlatformStack environment a construct is in
 * (`observability.thresholds`); in another stack the construct's threshold props are required.
 */
export function thresholdsOf(scope: IConstruct, prop = 'thresholds'): AlarmThresholds {
  return platformDefault(scope, prop, (platform) => platform.environment.observability.thresholds);
}

/** SageMaker reports ModelLatency in microseconds. */
export const MICROSECONDS_PER_SECOND = 1_000_000;

/** The period of the platform's alarms: five minutes smooths single slow requests. */
export const ALARM_PERIOD_SECONDS = 300;
