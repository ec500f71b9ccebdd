import { PlatformStack, type PolicyStatement } from '@genai-sandbox/core';
import type { Construct } from 'constructs';
import type { IGrantable } from './grantable';
import {
  GLUE_CATALOG_READ_ACTIONS,
  KMS_USE_ACTIONS,
  LOG_ASSOCIATE_KEY_ACTIONS,
  LOG_WRITE_ACTIONS,
} from './perms';
import { platformKeyOfEnvironment } from './platform-key-reference';

/** Where each service writes the logs of the jobs it runs under a role. */
export const SERVICE_LOG_GROUP_PREFIXES: Readonly<Record<string, readonly string[]>> = {
  'glue.amazonaws.com': ['/aws-glue/'],
  'sagemaker.amazonaws.com': ['/aws/sagemaker/'],
};

export interface BaseExecutionOptions {
  /** Log group name prefixes the role writes to. @default - SERVICE_LOG_GROUP_PREFIXES of the role's service */
  readonly logGroupPrefixes?: readonly string[];
}

/**
 * The statements every blueprint role needs (seed 000, "base execution role"): CloudWatch Logs
 * for its service's own log groups in this account and region, read-only access to the account's
 * Glue Data Catalog, and use of the platform key (only that key, by its alias). Adds them to the
 * role and returns what it added.
 */
export function grantBaseExecution(
  scope: Construct,
  role: IGrantable & { readonly service?: string },
  options: BaseExecutionOptions = {},
): PolicyStatement[] {
  const stack = PlatformStack.of(scope);
  const prefixes = options.logGroupPrefixes ?? SERVICE_LOG_GROUP_PREFIXES[role.service ?? ''];
  if (!prefixes || prefixes.length === 0) {
    throw new Error(
      `grantBaseExecution on ${role.roleName}: no log group prefixes known for service "${role.service}"; pass logGroupPrefixes such as ["/aws/<service>/"]`,
    );
  }
  const bad = prefixes.filter((prefix) => !/^\/[\w.\-/#]+\/$/.test(prefix));
  if (bad.length > 0) {
    throw new Error(
      `grantBaseExecution on ${role.roleName}: log group prefixes ${JSON.stringify(bad)} must start and end with "/", such as "/aws/sagemaker/"`,
    );
  }
  const logs = `arn:aws:logs:${stack.region}:${stack.accountId}:log-group:`;
  const glue = `arn:aws:glue:${stack.region}:${stack.accountId}`;
  const key = platformKeyOfEnvironment(scope);
  const statements: PolicyStatement[] = [
    {
      Sid: 'BaseOwnLogGroups',
      Effect: 'Allow',
      Action: [...LOG_WRITE_ACTIONS, ...LOG_ASSOCIATE_KEY_ACTIONS],
      Resource: prefixes.flatMap((prefix) => [
        `${logs}${prefix}*`,
        `${logs}${prefix}*:log-stream:*`,
      ]),
    },
    {
      Sid: 'BaseReadGlueCatalog',
      Effect: 'Allow',
      Action: [...GLUE_CATALOG_READ_ACTIONS],
      Resource: [`${glue}:catalog`, `${glue}:database/*`, `${glue}:table/*/*`],
    },
    {
      Sid: 'BasePlatformKey',
      Effect: 'Allow',
      Action: [...KMS_USE_ACTIONS],
      Resource: key.keyArnPattern,
      Condition: key.aliasCondition,
    },
  ];
  return statements.filter((statement) => role.addToPolicy(statement));
}
