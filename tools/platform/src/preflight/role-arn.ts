import { UsageError } from '../errors';

/** The parts of an IAM role ARN that preflight checks and prints. */
export interface RoleArn {
  readonly arn: string;
  readonly partition: string;
  readonly accountId: string;
  /** The last segment: what STS puts in the assumed-role ARN (the path is dropped there). */
  readonly roleName: string;
}

// IAM's rules: an optional path of `/`-separated segments, a name of 1 to 64 characters from
// [A-Za-z0-9+=,.@_-]. Partitions: the three public ones the AWS SDK resolves STS endpoints for.
const ROLE_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;

const EXAMPLE = 'arn:aws:iam::111111111111:role/genai-dev-promotion';

/**
 * Parses `--assume-role` and checks that the role lives in the environment's account, before any
 * AWS call: a role in another account would take the job out of the account preflight guards.
 */
export function parseRoleArn(
  text: string,
  environment: { readonly name: string; readonly accountId: string; readonly file: string },
): RoleArn {
  const match = ROLE_ARN.exec(text);
  if (!match) {
    throw new UsageError(
      `Option --assume-role received "${text}", which is not an IAM role ARN. ` +
        `Allowed: arn:<partition>:iam::<12-digit account>:role/[<path>/]<name>, such as ${EXAMPLE}. ` +
        'Give the role ARN as the bootstrap or foundation stack outputs it.',
    );
  }
  const [, partition, accountId, , roleName] = match;
  if (accountId !== environment.accountId) {
    throw new UsageError(
      `Option --assume-role received ${text}, a role in account ${accountId}, but environment "${environment.name}" ` +
        `is account ${environment.accountId} (${environment.file} accountId). Refusing to assume it: ` +
        `preflight only chains into roles of the environment's own account. Use a role ARN of account ${environment.accountId}.`,
    );
  }
  return { arn: text, partition, accountId, roleName };
}
