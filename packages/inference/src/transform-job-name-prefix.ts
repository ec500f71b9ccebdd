import { JOB_NAME_PREFIX_LIMIT } from '@genai-sandbox/functions';
import { namePrefixWithin } from './endpoint-config-name-prefix';

/**
 * The prefix of a blueprint's transform job names, without the final "-": the name itself when
 * it leaves room for the submitter's "-<16 hex digits>" within SageMaker's 63 characters, else
 * the name cut short with 8 hex digits of its hash. The submitter's role, the completion rule and
 * the dashboard all match jobs by it.
 */
export function transformJobNamePrefix(name: string): string {
  return namePrefixWithin(name, JOB_NAME_PREFIX_LIMIT + 1).slice(0, -1);
}
