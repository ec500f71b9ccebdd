import { checkName, type NamedResource } from './rules';

/**
 * Turns platform, environment, project and purpose into physical names, each checked against its
 * service's rules. Stacks hold one (`PlatformStack.naming`); `platform-names.ts` uses the same
 * class for the names that one account's stacks and the tools compute for another's.
 */
export interface NamingContext {
  readonly platform: string;
  readonly environment: string;
  readonly accountId: string;
  /** Set for per-project stacks; part of every name they create. */
  readonly project?: string;
}

/**
 * What names need of the platform: its name, the first part of every name. The whole
 * configuration fits, and so does a construct environment (core's ConstructEnvironment) given explicit values.
 */
export interface NamedPlatform {
  readonly platform: { readonly name: string };
}

/**
 * What names and ARNs need of an environment: its name and the account and region it deploys to.
 * A configured environment fits, and so does a construct environment's.
 */
export interface NamedEnvironment {
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
}

export class ResourceNamer {
  constructor(readonly context: NamingContext) {}

  /**
   * `<platform>-<env>[-<project>]`, the start of every name; with `-*` it matches them all, which
   * is how policies name a family of resources whose full names are not known in advance.
   */
  get prefix(): string {
    return [this.context.platform, this.context.environment, this.context.project]
      .filter((part): part is string => Boolean(part))
      .join('-');
  }

  /** `<platform>-<env>[-<project>]-<purpose...>`, checked against `resource`'s rules. */
  name(resource: NamedResource, ...purpose: string[]): string {
    const parts = [
      this.context.platform,
      this.context.environment,
      this.context.project,
      ...purpose,
    ];
    const joined = parts.filter((part): part is string => Boolean(part)).join('-');
    return checkName(resource, resource === 'glue-database' ? joined.replace(/-/g, '_') : joined);
  }

  /** Bucket names are global across AWS, so they carry the account ID to stay unique. */
  bucketName(...purpose: string[]): string {
    return this.name('s3-bucket', ...purpose, this.context.accountId);
  }

  kmsAlias(...purpose: string[]): string {
    return checkName('kms-alias', `alias/${this.name('iam-policy', ...purpose)}`);
  }

  /** `/<platform>/<env>[/<project>]/<purpose...>`: slashes group log groups in the console. */
  logGroupName(...purpose: string[]): string {
    const parts = [
      this.context.platform,
      this.context.environment,
      this.context.project,
      ...purpose,
    ];
    return checkName('log-group', `/${parts.filter(Boolean).join('/')}`);
  }
}
