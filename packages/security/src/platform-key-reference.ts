import {
  kmsKeyArnPattern,
  PLATFORM_KEY_PURPOSE,
  platformKeyAliasArn,
  platformKeyAliasName,
} from '@genai-sandbox/config';
import { PlatformStack } from '@genai-sandbox/core';
import type { Construct } from 'constructs';

/**
 * The platform key of an environment as a stack other than foundation sees it. The key's ARN holds
 * a random ID known only after the foundation stack is applied, and plans read no AWS data
 * (ARCHITECTURE.md section 5), so other stacks name the key by its predictable alias.
 */
export interface PlatformKeyReference {
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

/**
 * The environment's platform key, named without the stack's project: there is one key per
 * account, created by the foundation stack.
 */
export function platformKeyOfEnvironment(scope: Construct): PlatformKeyReference {
  const { config, environment } = PlatformStack.of(scope);
  const aliasName = platformKeyAliasName(config, environment);
  return {
    aliasName,
    aliasArn: platformKeyAliasArn(config, environment),
    keyArnPattern: kmsKeyArnPattern(environment),
    aliasCondition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': aliasName } },
  };
}
