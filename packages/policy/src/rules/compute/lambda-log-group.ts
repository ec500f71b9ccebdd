import { attribute, type StackModel, type TfResource } from '../../model/stack-model';
import { COMPLIANT, nonCompliant, type Rule } from '../../types';
import { blocks, isSet } from '../values';

/** The names of the log groups the stack manages, and the references that name them. */
function managedLogGroups(stack: StackModel): Set<string> {
  const names = new Set<string>();
  for (const group of stack.resources) {
    if (group.type !== 'aws_cloudwatch_log_group') continue;
    const name = attribute(group, 'name');
    if (isSet(name)) names.add(name);
    names.add(`\${${group.address}.name}`);
    names.add(`\${${group.address}.id}`);
  }
  return names;
}

/** Where the function writes: logging_config.log_group, or Lambda's default /aws/lambda/<name>. */
function logGroupOf(fn: TfResource): string | undefined {
  const configured = blocks(attribute(fn, 'logging_config'))
    .map((block) => block.log_group)
    .find(isSet);
  if (configured) return configured;
  const name = attribute(fn, 'function_name');
  return isSet(name) ? `/aws/lambda/${name}` : undefined;
}

export const lambdaLogGroup: Rule = {
  id: 'lambda-log-group',
  title: 'Lambda functions log into a log group the stack manages',
  explanation:
    'A function whose log group is not managed by the stack gets one that Lambda creates at the first invocation: no retention, so events are kept forever, and no customer key, so anyone allowed logs:GetLogEvents reads what the handler logs. A managed group is covered by logs-group-retention and logs-group-kms and is deleted with the stack.',
  fix: 'Create an aws_cloudwatch_log_group with retention and the PlatformKey and point loggingConfig.logGroup at it (PlatformFunction in @genai-sandbox/compute does), or name the group /aws/lambda/<function name>.',
  severity: 'error',
  resourceTypes: ['aws_lambda_function'],
  check({ resource, stack }) {
    const group = logGroupOf(resource);
    if (group && managedLogGroups(stack).has(group)) return COMPLIANT;
    return nonCompliant(
      group
        ? `the function logs into ${group}, which no aws_cloudwatch_log_group of this stack manages: Lambda creates it without retention or KMS`
        : 'the function has no name the rule can match to a log group; set function_name and logging_config.log_group',
    );
  },
};
