import {
  attribute,
  resourcesReferencing,
  type StackModel,
  type TfResource,
} from '../../model/stack-model';
import { COMPLIANT, nonCompliant, type Rule } from '../../types';
import { blocks, childBlocks, isSet } from '../values';

/** Event invoke configs of the function: they refer to it, or name it (by name or ARN). */
function invokeConfigsOf(stack: StackModel, fn: TfResource): TfResource[] {
  const referring = resourcesReferencing(
    stack,
    fn,
    'aws_lambda_function_event_invoke_config',
    'function_name',
  );
  const name = attribute(fn, 'function_name');
  const namesIt = (candidate: TfResource) => {
    const target = attribute(candidate, 'function_name');
    return (
      isSet(name) &&
      typeof target === 'string' &&
      (target === name ||
        new RegExp(`:function:${name.replace(/[^\w-]/g, '\\$&')}(:[^:]+)?$`).test(target))
    );
  };
  return stack.resources.filter(
    (candidate) =>
      candidate.type === 'aws_lambda_function_event_invoke_config' &&
      (referring.includes(candidate) || namesIt(candidate)),
  );
}

export const lambdaFailureDestination: Rule = {
  id: 'lambda-failure-destination',
  title: 'Lambda functions keep the events of failed asynchronous invocations',
  explanation:
    'When an asynchronous invocation (EventBridge, S3, SNS) still fails after Lambda retries it, the event is dropped unless a dead-letter queue or an on-failure destination receives it; a lost promotion or data event then leaves no trace and cannot be replayed. A function that is only ever invoked synchronously (API Gateway, direct Invoke) gets no asynchronous events: suppress the rule on it with that reason.',
  fix: 'Give the function deadLetterConfig targetArn, or an aws_lambda_function_event_invoke_config with destinationConfig onFailure destination, pointing to an SQS queue (or SNS topic) encrypted with the PlatformKey (@genai-sandbox/security); the function role needs sqs:SendMessage (or sns:Publish) on it. Suppress with suppressPolicyRule (@genai-sandbox/core) for synchronous-only functions.',
  severity: 'error',
  resourceTypes: ['aws_lambda_function'],
  check({ resource, stack }) {
    const deadLetter = blocks(attribute(resource, 'dead_letter_config'));
    if (deadLetter.some((block) => isSet(block.target_arn))) return COMPLIANT;
    const configs = invokeConfigsOf(stack, resource);
    const withDestination = configs.filter((config) =>
      childBlocks(blocks(attribute(config, 'destination_config')), 'on_failure').some((block) =>
        isSet(block.destination),
      ),
    );
    if (withDestination.length > 0) return COMPLIANT;
    return nonCompliant(
      configs.length > 0
        ? `no dead_letter_config target_arn, and ${configs.map((config) => config.address).join(', ')} has no destination_config on_failure destination: failed asynchronous events are dropped`
        : 'no dead_letter_config target_arn and no aws_lambda_function_event_invoke_config with an on_failure destination: failed asynchronous events are dropped',
    );
  },
};
