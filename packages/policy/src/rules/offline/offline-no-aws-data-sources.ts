import { COMPLIANT, nonCompliant, type Rule } from '../../types';

/** Data sources the AWS provider answers from its own configuration, without calling AWS. */
const LOCAL_DATA_SOURCES = [
  'aws_iam_policy_document',
  'aws_partition',
  'aws_arn',
  'aws_default_tags',
];

export const offlineNoAwsDataSources: Rule = {
  id: 'offline-no-aws-data-sources',
  title: 'Stacks read no data source that calls AWS at plan time',
  explanation:
    'Accounts, regions and zones come from configuration so that every plan is reproducible and runs offline (docs/architecture.md#stacks); a data source such as aws_caller_identity or aws_availability_zones makes the plan depend on the credentials and the moment it runs.',
  fix: 'Take the value from environments/<env>.json through PlatformStack (accountId, region, availabilityZones) or from another stack output, and remove the data source.',
  severity: 'error',
  resourceTypes: '*',
  mode: 'data',
  check({ resource }) {
    if (LOCAL_DATA_SOURCES.includes(resource.type)) return COMPLIANT;
    return nonCompliant(
      `data source ${resource.type} calls AWS when Terraform plans; the offline plan cannot evaluate it`,
    );
  },
};
