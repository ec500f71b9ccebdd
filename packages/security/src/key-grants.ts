import type { Conditions, PolicyStatement } from '@genai-sandbox/core';
import { addStatements, type IGrantable } from './grantable';
import { KMS_USE_ACTIONS } from './perms';

/** One statement on a key: its Sid, actions and any further conditions (such as kms:ViaService). */
export interface KeyGrantOptions {
  readonly sid: string;
  readonly actions: readonly string[];
  /** Conditions besides the ones that name the key. @default - none */
  readonly conditions?: Conditions;
}

/** Sid of grantEncryptDecrypt unless the caller names it. */
export const KEY_USE_SID = 'UsePlatformKey';

/** Grants on a KMS key, whether the stack owns it (PlatformKey) or names it (PlatformKey.fromEnvironment). */
export interface IKeyGrants {
  /** The statement that allows `options.actions` on exactly this key, without adding it anywhere. */
  statementFor(options: KeyGrantOptions): PolicyStatement;
  /** Adds statementFor(options) to the grantee. Returns the statements added. */
  grant(grantee: IGrantable, options: KeyGrantOptions): PolicyStatement[];
  /** Encrypt, decrypt, describe and generate data keys (KMS_USE_ACTIONS). Returns the statements added. */
  grantEncryptDecrypt(grantee: IGrantable, sid?: string): PolicyStatement[];
}

/**
 * The IKeyGrants methods over a resource and the conditions that name the key: an owned key is
 * named by its ARN; a key of another stack by the ARN pattern of the account and its alias.
 */
export abstract class KeyGrants implements IKeyGrants {
  protected abstract keyResource(): { resource: string; condition?: Conditions };

  statementFor(options: KeyGrantOptions): PolicyStatement {
    const { resource, condition } = this.keyResource();
    const conditions = { ...condition, ...options.conditions };
    return {
      Sid: options.sid,
      Effect: 'Allow',
      Action: [...options.actions],
      Resource: resource,
      ...(Object.keys(conditions).length > 0 ? { Condition: conditions } : {}),
    };
  }

  grant(grantee: IGrantable, options: KeyGrantOptions): PolicyStatement[] {
    return addStatements(grantee, [this.statementFor(options)]);
  }

  grantEncryptDecrypt(grantee: IGrantable, sid: string = KEY_USE_SID): PolicyStatement[] {
    return this.grant(grantee, { sid, actions: KMS_USE_ACTIONS });
  }
}

/** IKeyGrants of a key named by its ARN (a key of this stack). */
export class KeyArnGrants extends KeyGrants {
  constructor(private readonly grantedKeyArn: string) {
    super();
  }

  protected keyResource(): { resource: string } {
    return { resource: this.grantedKeyArn };
  }
}
