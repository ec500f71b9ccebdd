import type { Rule } from '../../types';
import { cloudwatchAlarmHasAction } from './cloudwatch-alarm-has-action';
import { cloudwatchAlarmMissingData } from './cloudwatch-alarm-missing-data';

export const monitoringRules: readonly Rule[] = [
  cloudwatchAlarmHasAction,
  cloudwatchAlarmMissingData,
];
