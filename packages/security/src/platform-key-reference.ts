import {
  kmsAliasArn,
  kmsKeyArnPattern,
  PLATFORM_KEY_PURPOSE,
  platformKeyAliasArn,
  platformKeyAliasName,
} from '@genai-sandbox/config';
import { type Conditions, ConstructEnvironment } from '@genai-sandbox/core';
import type { Construct } from 'constructs';
import { type IKeyGrants, KeyGrants } from './key-grants';

/**
 * The platform key of an environment as a stack other than foundation sees it
 * (PlatformKey.fromEnvironment). The key's ARN holds a random ID known only after the foundation
 * stack is applied, and plans read no AWS data, so other stacks name the key by its predictable
 * alias; grants name any key of the account narrowed to the one the alias points to.
 */
export interface IPlatformKey extends IKeyGrants {
  /** `alias/<platform>-<env>-platform`. */
  readonly aliasName: string;
  /** `arn:aws:kms:<region>:<account>:alias/<platform>-<env>-platform`: accepted where a service forwards the key to S3 or KMS. */
  readonly aliasArn: string;
  /** `arn:aws:kms:<region>:<account>:key/*`: IAM resource for statements, narrowed by `aliasCondition`. */
  readonly keyArnPattern: string;
  /** `ForAnyValue:StringEquals kms:ResourceAliases = <aliasName>`: only the key the alias points to. */
  readonly aliasCondition: {
    readonly 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': string };
  };
}

/** The purpose the foundation app gives its platform key (alias `alias/<platform>-<env>-platform`). */
export { PLATFORM_KEY_PURPOSE };

/** IPlatformKey of the stack's environment; created by PlatformKey.fromEnvironment. */
export class PlatformKeyReference extends KeyGrants implements IPlatformKey {
  /**
   * The environment's platform key, named without the stack's project: there is one key per
   * account, created by the foundation stack.
   */
  static ofEnvironment(scope: Construct): PlatformKeyReference {
    const stack = ConstructEnvironment.of(scope);
    return new PlatformKeyReference(
      platformKeyAliasName(stack, stack.environment),
      platformKeyAliasArn(stack, stack.environment),
      kmsKeyArnPattern(stack.environment),
    );
  }

  /**
   * A key of the stack's account and region named by its alias (`alias/...`), such as a
   * PlatformKey of a stack of one's own (`key.aliasName`), for constructs that take an IPlatformKey.
   */
  static ofAlias(scope: Construct, aliasName: string): PlatformKeyReference {
    if (!/^alias\/[\w/-]+$/.test(aliasName)) {
      throw new Error(
        `PlatformKeyReference.ofAlias: aliasName is ${JSON.stringify(aliasName)}; pass a KMS alias name such as "alias/team-dev-platform" (PlatformKey.aliasName)`,
      );
    }
    const { environment } = ConstructEnvironment.of(scope);
    return new PlatformKeyReference(
      aliasName,
      kmsAliasArn(environment.region, environment, aliasName),
      kmsKeyArnPattern(environment),
    );
  }

  /**
   * A key of the stack's environment that another stack creates with `purpose` (alias
   * `alias/<platform>-<env>-<purpose>`), such as the SMUS domain key the shared-services stack
   * creates and the roles of its bootstrap use.
   */
  static ofPurpose(scope: Construct, purpose: string): PlatformKeyReference {
    const { environment, naming } = ConstructEnvironment.of(scope);
    const aliasName = naming.kmsAlias(purpose);
    return new PlatformKeyReference(
      aliasName,
      kmsAliasArn(environment.region, environment, aliasName),
      kmsKeyArnPattern(environment),
    );
  }

  readonly aliasCondition: IPlatformKey['aliasCondition'];

  private constructor(
    readonly aliasName: string,
    readonly aliasArn: string,
    readonly keyArnPattern: string,
  ) {
    super();
    this.aliasCondition = { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': aliasName } };
  }

  protected keyResource(): { resource: string; condition: Conditions } {
    return { resource: this.keyArnPattern, condition: this.aliasCondition };
  }
}
