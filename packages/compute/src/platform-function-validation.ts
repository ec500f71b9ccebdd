// Internal: the prop checks of PlatformFunction, every problem at once. Not re-exported.
import { LOG_RETENTION_DAYS } from '@genai-sandbox/config';
import { Token } from 'cdktf';

/** Lambda sets these itself; a function may not (Lambda rejects the update). */
const RESERVED_VARIABLES = new Set([
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
]);
const VARIABLE_NAME = /^[a-zA-Z][a-zA-Z0-9_]*$/;
/** Lambda's limit on all environment variables together. */
const ENVIRONMENT_BYTES = 4096;

export interface FunctionPropValues {
  readonly memorySizeMb: number;
  readonly timeoutSeconds: number;
  readonly reservedConcurrency?: number;
  readonly logRetentionDays: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly subnetIds?: readonly string[];
  readonly securityGroupIds?: readonly string[];
}

const known = (value: unknown) => !Token.isUnresolved(value);

function integerIn(prop: string, value: number, min: number, max: number, unit: string): string[] {
  if (!known(value) || (Number.isInteger(value) && value >= min && value <= max)) return [];
  return [`${prop} is ${value}; Lambda allows whole ${unit} from ${min} to ${max}`];
}

/** Every problem of the props, each naming the prop, the value and what is allowed. */
export function functionPropProblems(props: FunctionPropValues): string[] {
  const problems = [
    ...integerIn('memorySizeMb', props.memorySizeMb, 128, 10240, 'megabytes'),
    ...integerIn('timeoutSeconds', props.timeoutSeconds, 1, 900, 'seconds'),
  ];
  const reserved = props.reservedConcurrency;
  if (reserved !== undefined && known(reserved) && (!Number.isInteger(reserved) || reserved < 0))
    problems.push(
      `reservedConcurrency is ${reserved}; give a whole number >= 0 (0 stops the function), or leave it out for unreserved concurrency`,
    );
  if (
    known(props.logRetentionDays) &&
    !LOG_RETENTION_DAYS.includes(props.logRetentionDays as never)
  )
    problems.push(
      `logRetentionDays is ${props.logRetentionDays}; CloudWatch Logs accepts ${LOG_RETENTION_DAYS.join(', ')}`,
    );
  let bytes = 0;
  let sized = true;
  for (const [name, value] of Object.entries(props.environment)) {
    if (!VARIABLE_NAME.test(name))
      problems.push(
        `environment variable "${name}" is not a valid name; use letters, digits and _, starting with a letter`,
      );
    else if (RESERVED_VARIABLES.has(name))
      problems.push(
        `environment variable "${name}" is reserved by the Lambda runtime; choose another name`,
      );
    if (known(value)) bytes += Buffer.byteLength(name) + Buffer.byteLength(value);
    else sized = false;
  }
  if (sized && bytes > ENVIRONMENT_BYTES)
    problems.push(
      `environment holds ${bytes} bytes; Lambda allows ${ENVIRONMENT_BYTES} for all variables together: move large settings to SSM Parameter Store or S3`,
    );
  const vpcGiven = props.subnetIds !== undefined || props.securityGroupIds !== undefined;
  if (vpcGiven) {
    if (!props.subnetIds?.length)
      problems.push('vpc.subnetIds is empty; give the private subnets of the foundation VPC');
    if (!props.securityGroupIds?.length)
      problems.push('vpc.securityGroupIds is empty; give at least one security group');
    for (const id of props.subnetIds ?? [])
      if (known(id) && !/^subnet-[0-9a-f]{8,17}$/.test(id))
        problems.push(
          `vpc.subnetIds has "${id}"; expected a subnet ID such as subnet-0abc12345def67890`,
        );
    for (const id of props.securityGroupIds ?? [])
      if (known(id) && !/^sg-[0-9a-f]{8,17}$/.test(id))
        problems.push(
          `vpc.securityGroupIds has "${id}"; expected a security group ID such as sg-0abc12345def67890`,
        );
  }
  return problems;
}
