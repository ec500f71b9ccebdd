import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  type EnvironmentDefinition,
  environmentNamer,
  type PlatformConfiguration,
  type ProjectConfig,
  type RequiredTag,
  stackName,
  stateKeyAliasArn,
} from '@genai-sandbox/config';
import { S3Backend, TerraformResource, TerraformStack } from 'cdktf';
import type { Construct, IConstruct } from 'constructs';
import type { ResourceNamer } from './naming';
import { ConstructEnvironment, protectResource } from './construct-environment';

/** Terraform 1.10 is the first with S3-native state locking (`use_lockfile`). */
export const REQUIRED_TERRAFORM_VERSION = '>= 1.10.0';

export interface PlatformStackProps {
  /** The whole validated configuration. */
  readonly config: PlatformConfiguration;
  /** The environment (AWS account) this stack deploys to. */
  readonly environment: EnvironmentDefinition;
  /** The app that owns the stack: "foundation", "bootstrap" or a blueprint name. */
  readonly app: string;
  /** The project, for per-project blueprint stacks. @default - an account-level stack */
  readonly project?: ProjectConfig;
  /**
   * The stack name, for the one stack of a shared-services app (named after the app).
   * @default - `<app>-<env>` or `<app>-<project>-<env>`
   */
  readonly stackName?: string;
}

// Stack names and the state key alias are names like any other: computed by the config package.
export { stackName, stateKeyAliasArn } from '@genai-sandbox/config';

/**
 * The base of every stack: an AWS provider locked to the environment's account with the
 * platform's default tags, and an encrypted S3 backend with native locking. The construct ID is
 * derived from configuration rather than passed in, because it is the stack's name, its state
 * key and its output directory: a typo there would orphan state.
 */
export class PlatformStack extends TerraformStack implements ConstructEnvironment {
  readonly config: PlatformConfiguration;
  readonly environment: EnvironmentDefinition;
  readonly project?: ProjectConfig;
  readonly app: string;
  readonly naming: ResourceNamer;
  readonly provider: AwsProvider;

  /**
   * The PlatformStack a construct belongs to, for what only the platform's own stacks have (the
   * configuration, the app); constructs read names, account and region with ConstructEnvironment.of.
   */
  static override of(construct: IConstruct): PlatformStack {
    const stack = TerraformStack.of(construct);
    if (!(stack instanceof PlatformStack)) {
      throw new Error(
        `${construct.node.path} is not inside a PlatformStack; this needs the platform configuration. Constructs of the packages take ConstructEnvironment.attach(stack, {...}) in any TerraformStack.`,
      );
    }
    return stack;
  }

  constructor(scope: Construct, props: PlatformStackProps) {
    const name =
      props.stackName ?? stackName(props.app, props.environment.name, props.project?.name);
    super(scope, name);
    this.config = props.config;
    this.environment = props.environment;
    this.project = props.project;
    this.app = props.app;
    this.naming = environmentNamer(props.config, props.environment, props.project?.name);
    ConstructEnvironment.attach(this, this);

    this.provider = new AwsProvider(this, 'Aws', {
      region: props.environment.region,
      allowedAccountIds: [props.environment.accountId],
      defaultTags: [{ tags: this.tags }],
    });

    const backend = new S3Backend(this, {
      bucket: props.environment.stateBackend.bucket,
      key: `${name}.tfstate`,
      region: props.environment.stateBackend.region ?? props.environment.region,
      encrypt: true,
      kmsKeyId:
        props.environment.stateBackend.kmsKeyId ??
        stateKeyAliasArn(props.config, props.environment),
    });
    // cdktf 0.21's S3Backend predates S3-native locking; the attribute is plain Terraform.
    backend.addOverride('use_lockfile', true);
    this.addOverride('terraform.required_version', REQUIRED_TERRAFORM_VERSION);
  }

  get platform(): PlatformConfiguration['platform'] {
    return this.config.platform;
  }

  get projectName(): string | undefined {
    return this.project?.name;
  }

  get accountId(): string {
    return this.environment.accountId;
  }

  get region(): string {
    return this.environment.region;
  }

  /**
   * cdktf's preparation before synthesis, without its preparing resolve of every element. That
   * pass only wires cross-stack references (a reference to another stack's construct becomes a
   * remote-state data source and an output), which the platform has none of by design: each stack
   * deploys to its own account with its own state, and values cross accounts through
   * configuration, never through another stack's state. It was a fifth of a synthesis (302
   * stacks: 9.6 s of CPU without it against 12.1 s with it, the same bytes). A reference to a
   * construct of another stack therefore stays a plain reference, which `terraform validate`
   * (`platform validate`) rejects as a reference to an undeclared resource.
   */
  override prepareStack(): void {
    this.ensureBackendExists();
  }

  /** The provider's default tags: set once here so every taggable resource carries them. */
  get tags(): Record<RequiredTag, string> {
    return {
      platform: this.config.platform.name,
      environment: this.environment.name,
      blueprint: this.app,
      project: this.project?.name ?? 'shared',
      owner: this.environment.tags.owner,
      'cost-center': this.environment.tags.costCenter,
    };
  }

  /** Marks a stateful resource `prevent_destroy` where the environment asks for it (production). */
  protect<T extends TerraformResource>(resource: T): T {
    return protectResource(this.environment, resource);
  }
}

/**
 * A construct's default that only the platform configuration has (alarm thresholds, budgets,
 * subscriptions): read from the PlatformStack the construct is in. In any other TerraformStack
 * the caller passes the prop; without it this returns `otherwise` when the construct has a
 * default of its own, or throws naming the construct and the prop.
 */
export function platformDefault<T>(
  scope: IConstruct,
  prop: string,
  read: (stack: PlatformStack) => T,
  ...otherwise: [] | [T]
): T {
  const stack = TerraformStack.of(scope);
  if (stack instanceof PlatformStack) return read(stack);
  if (otherwise.length === 1) return otherwise[0];
  throw new Error(
    `${scope.node.path}: pass ${prop}; its default comes from the platform configuration, and the stack "${stack.node.id}" is not a PlatformStack.`,
  );
}
