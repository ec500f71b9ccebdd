import { attribute } from '../../model/stack-model';
import { COMPLIANT, nonCompliant, type Rule } from '../../types';
import { isSet } from '../values';

export const cloudwatchAlarmMissingData: Rule = {
  id: 'cloudwatch-alarm-missing-data',
  title: 'CloudWatch alarms say how they treat missing data',
  explanation:
    'Without treat_missing_data CloudWatch uses "missing": an alarm on a metric that only appears with traffic sits in INSUFFICIENT_DATA, and an idle-endpoint alarm never fires, because no invocation means no datapoint. Each alarm must decide whether silence is good news (notBreaching), the problem itself (breaching) or no news (ignore).',
  fix: 'Set treatMissingData on the alarm; the constructs of @genai-sandbox/observability require it and document their choice.',
  severity: 'warning',
  resourceTypes: ['aws_cloudwatch_metric_alarm'],
  check({ resource }) {
    return isSet(attribute(resource, 'treat_missing_data'))
      ? COMPLIANT
      : nonCompliant('treat_missing_data is not set: CloudWatch treats missing data as "missing"');
  },
};
