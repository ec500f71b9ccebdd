import { ConstructEnvironment, type PolicyStatement } from '@genai-sandbox/core';
import type { Construct } from 'constructs';
import {
  GLUE_CATALOG_READ_ACTIONS,
  KMS_USE_ACTIONS,
  LOG_ASSOCIATE_KEY_ACTIONS,
  LOG_WRITE_ACTIONS,
} from './perms';
import type { IKeyGrants } from './key-grants';
import { PlatformKey } from './platform-key';

/** Where each service writes the logs of the jobs it runs under a role. */
export const SERVICE_LOG_GROUP_PREFIXES: Readonly<Record<string, readonly string[]>> = {
  'glue.amazonaws.com': ['/aws-glue/'],
  'sagemaker.amazonaws.com': ['/aws/sagemaker/'],
};

export interface BaseExecutionOptions {
  /** Log group name prefixes the role writes to. @default - SERVICE_LOG_GROUP_PREFIXES of the role's service */
  readonly logGroupPrefixes?: readonly string[];
  /** The key the role's jobs use. @default - the environment's platform key (PlatformKey.fromEnvironment) */
  readonly encryptionKey?: IKeyGrants;
}

/** Sids of the base execution statements (ServiceRole.grantBaseExecution). */
export const BASE_EXECUTION_SIDS = {
  logs: 'BaseOwnLogGroups',
  catalog: 'BaseReadGlueCatalog',
  key: 'BasePlatformKey',
} as const;

/** The statements of ServiceRole.grantBaseExecution for `role`, which `service` assumes. */
export function baseExecutionStatements(
  role: Construct & { readonly roleName: string },
  service: string,
  options: BaseExecutionOptions,
): PolicyStatement[] {
  const stack = ConstructEnvironment.of(role);
  const prefixes = options.logGroupPrefixes ?? SERVICE_LOG_GROUP_PREFIXES[service];
  if (!prefixes || prefixes.length === 0) {
    throw new Error(
      `grantBaseExecution on ${role.node.path}: no log group prefixes known for service "${service}"; pass logGroupPrefixes such as ["/aws/<service>/"]`,
    );
  }
  const bad = prefixes.filter((prefix) => !/^\/[\w.\-/#]+\/$/.test(prefix));
  if (bad.length > 0) {
    throw new Error(
      `grantBaseExecution on ${role.node.path}: log group prefixes ${JSON.stringify(bad)} must start and end with "/", such as "/aws/sagemaker/"`,
    );
  }
  const logs = `arn:aws:logs:${stack.region}:${stack.accountId}:log-group:`;
  const glue = `arn:aws:glue:${stack.region}:${stack.accountId}`;
  return [
    {
      Sid: BASE_EXECUTION_SIDS.logs,
      Effect: 'Allow',
      Action: [...LOG_WRITE_ACTIONS, ...LOG_ASSOCIATE_KEY_ACTIONS],
      Resource: prefixes.flatMap((prefix) => [
        `${logs}${prefix}*`,
        `${logs}${prefix}*:log-stream:*`,
      ]),
    },
    {
      Sid: BASE_EXECUTION_SIDS.catalog,
      Effect: 'Allow',
      Action: [...GLUE_CATALOG_READ_ACTIONS],
      Resource: [`${glue}:catalog`, `${glue}:database/*`, `${glue}:table/*/*`],
    },
    (options.encryptionKey ?? PlatformKey.fromEnvironment(role)).statementFor({
      sid: BASE_EXECUTION_SIDS.key,
      actions: KMS_USE_ACTIONS,
    }),
  ];
}
