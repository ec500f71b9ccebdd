import { attribute } from '../../model/stack-model';
import { COMPLIANT, nonCompliant, type Rule } from '../../types';
import { isSet, shown } from '../values';

export const cloudwatchAlarmHasAction: Rule = {
  id: 'cloudwatch-alarm-has-action',
  title: 'CloudWatch alarms notify someone',
  explanation:
    'An alarm without an alarm action, or with its actions disabled, changes state in the console and nowhere else: the error rate, the idle endpoint or the full dead-letter queue it watches goes unnoticed until the bill or the users report it.',
  fix: 'Build alarms with the constructs of @genai-sandbox/observability (PlatformAlarm and its presets), which notify the platform alarm topic; or set alarmActions to an SNS topic and leave actionsEnabled true.',
  severity: 'error',
  resourceTypes: ['aws_cloudwatch_metric_alarm', 'aws_cloudwatch_composite_alarm'],
  check({ resource }) {
    const enabled = attribute(resource, 'actions_enabled');
    if (enabled === false || enabled === 'false')
      return nonCompliant('actions_enabled is false: the alarm notifies nobody');
    const actions = attribute(resource, 'alarm_actions');
    const list = Array.isArray(actions) ? actions : [];
    if (list.some(isSet)) return COMPLIANT;
    // A reference to a list (`${...}`) is resolved by Terraform; it names actions.
    if (isSet(actions)) return COMPLIANT;
    return nonCompliant(
      `alarm_actions is ${list.length === 0 ? 'not set' : shown(actions)}: the alarm notifies nobody`,
    );
  },
};
