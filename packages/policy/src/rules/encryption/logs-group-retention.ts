import { attribute } from '../../model/stack-model';
import { COMPLIANT, nonCompliant, type Rule } from '../../types';
import { numberOf, shown } from '../values';

export const logsGroupRetention: Rule = {
  id: 'logs-group-retention',
  title: 'CloudWatch log groups expire their events',
  explanation:
    'A log group without retention_in_days (or with 0) keeps every event forever: cost grows without bound and personal data in prompts and payloads outlives any deletion duty. An explicit retention also documents how long audit evidence is kept.',
  fix: 'Set retentionInDays to one of the values CloudWatch Logs accepts (1 to 3653 days; FlowLogs in @genai-sandbox/networking defaults to 365 and checks the value).',
  severity: 'error',
  resourceTypes: ['aws_cloudwatch_log_group'],
  check({ resource }) {
    const value = attribute(resource, 'retention_in_days');
    const days = numberOf(value);
    if (days === undefined)
      return nonCompliant(
        value === undefined || value === null
          ? 'retention_in_days is not set: events are kept forever'
          : `retention_in_days is ${shown(value)}, not a number of days`,
      );
    if (days <= 0) return nonCompliant(`retention_in_days is ${days}: events never expire`);
    return COMPLIANT;
  },
};
