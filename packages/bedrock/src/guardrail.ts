import { createHash } from 'node:crypto';
import {
  BedrockGuardrail,
  type BedrockGuardrailConfig,
} from '@cdktf/provider-aws/lib/bedrock-guardrail';
import { BedrockGuardrailVersion } from '@cdktf/provider-aws/lib/bedrock-guardrail-version';
import type { GuardrailSettings } from '@genai-sandbox/config';
import { ConstructEnvironment, type PolicyStatement } from '@genai-sandbox/core';
import { addStatements, type IGrantable, type IPlatformKey } from '@genai-sandbox/security';
import { Construct } from 'constructs';
import { projectCollectionName } from './names';
import { APPLY_GUARDRAIL_ACTIONS, BEDROCK_INVOKE_ACTIONS } from './perms';

export interface GuardrailProps {
  readonly settings: GuardrailSettings;
  /** The environment's platform key, named by its alias ARN (its key ARN is foundation's). */
  readonly encryptionKey: IPlatformKey;
}

/** The IAM condition key of InvokeModel and InvokeModelWithResponseStream that names the guardrail. */
export const GUARDRAIL_CONDITION_KEY = 'bedrock:GuardrailIdentifier';

/** The guardrail's policies as the provider takes them, from the typed settings. */
export function guardrailPolicies(
  settings: GuardrailSettings,
): Pick<
  BedrockGuardrailConfig,
  | 'contentPolicyConfig'
  | 'topicPolicyConfig'
  | 'sensitiveInformationPolicyConfig'
  | 'wordPolicyConfig'
> {
  return {
    ...(settings.contentFilters.length > 0
      ? {
          contentPolicyConfig: [
            { filtersConfig: settings.contentFilters.map((filter) => ({ ...filter })) },
          ],
        }
      : {}),
    ...(settings.deniedTopics.length > 0
      ? {
          topicPolicyConfig: [
            {
              topicsConfig: settings.deniedTopics.map((topic) => ({
                name: topic.name,
                definition: topic.definition,
                examples: [...topic.examples],
                type: 'DENY',
              })),
            },
          ],
        }
      : {}),
    ...(settings.piiEntities.length > 0
      ? {
          sensitiveInformationPolicyConfig: [
            { piiEntitiesConfig: settings.piiEntities.map((entity) => ({ ...entity })) },
          ],
        }
      : {}),
    ...(settings.words.length > 0 || settings.managedWordLists.length > 0
      ? {
          wordPolicyConfig: [
            {
              ...(settings.words.length > 0
                ? { wordsConfig: settings.words.map((text) => ({ text })) }
                : {}),
              ...(settings.managedWordLists.length > 0
                ? { managedWordListsConfig: settings.managedWordLists.map((type) => ({ type })) }
                : {}),
            },
          ],
        }
      : {}),
  };
}

/** A short, stable digest of the guardrail settings: the published version changes exactly when it does. */
export function guardrailConfigurationDigest(settings: GuardrailSettings): string {
  return createHash('sha256').update(JSON.stringify(settings)).digest('hex').slice(0, 16);
}

/**
 * A Bedrock guardrail from typed settings, encrypted with the platform key, and its published
 * version. The version's description carries a digest of the settings: the provider replaces a
 * version when its description changes, so a new version is published exactly when the
 * configuration changes, and `skip_destroy` keeps the old one for callers still pinned to it.
 */
export class Guardrail extends Construct {
  readonly resource: BedrockGuardrail;
  readonly version: BedrockGuardrailVersion;
  readonly guardrailArn: string;
  readonly guardrailId: string;
  /** The published version number ("1", "2", ...). */
  readonly versionNumber: string;
  /** `<guardrail ARN>:<version>`: the value of bedrock:GuardrailIdentifier for this version. */
  readonly versionedArn: string;
  readonly digest: string;

  constructor(scope: Construct, id: string, props: GuardrailProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    this.digest = guardrailConfigurationDigest(props.settings);
    this.resource = new BedrockGuardrail(this, 'Resource', {
      // The collection name's rules (3-32 lower-case letters, digits, hyphens) fit guardrail names.
      name: projectCollectionName(this),
      description: `Guardrail of ${stack.projectName}; enforced by IAM on model invocation`,
      blockedInputMessaging: props.settings.blockedInputMessage,
      blockedOutputsMessaging: props.settings.blockedOutputMessage,
      kmsKeyArn: props.encryptionKey.aliasArn,
      ...guardrailPolicies(props.settings),
      // The key's ARN lives in foundation; Bedrock takes the alias and reports the key ARN it
      // resolved to, which would otherwise show as a change on every plan. The platform key of
      // an environment never changes, so nothing real is ignored.
      lifecycle: { ignoreChanges: ['kms_key_arn'] },
    });
    this.guardrailArn = this.resource.guardrailArn;
    this.guardrailId = this.resource.guardrailId;
    this.version = new BedrockGuardrailVersion(this, 'Version', {
      guardrailArn: this.guardrailArn,
      description: `Published from configuration ${this.digest}`,
      skipDestroy: true,
    });
    this.versionNumber = this.version.version;
    this.versionedArn = `${this.guardrailArn}:${this.versionNumber}`;
  }

  /**
   * InvokeModel and InvokeModelWithResponseStream (which also authorize Converse and
   * ConverseStream) on `resources`, only with this guardrail's published version
   * (`bedrock:GuardrailIdentifier` = `<arn>:<version>`), plus ApplyGuardrail on it. Returns the
   * statements added.
   */
  grantGuardedInvoke(
    grantee: IGrantable,
    resources: readonly string[],
    sid = 'InvokeWithGuardrail',
  ): PolicyStatement[] {
    return addStatements(grantee, [
      {
        Sid: sid,
        Effect: 'Allow',
        Action: [...BEDROCK_INVOKE_ACTIONS],
        Resource: [...resources],
        Condition: { StringEquals: { [GUARDRAIL_CONDITION_KEY]: this.versionedArn } },
      },
      ...this.grantApplyStatements(`${sid}Apply`),
    ]);
  }

  /** ApplyGuardrail on this guardrail (agents apply their guardrail themselves). */
  grantApply(grantee: IGrantable, sid = 'ApplyGuardrail'): PolicyStatement[] {
    return addStatements(grantee, this.grantApplyStatements(sid));
  }

  private grantApplyStatements(sid: string): PolicyStatement[] {
    return [
      {
        Sid: sid,
        Effect: 'Allow',
        Action: [...APPLY_GUARDRAIL_ACTIONS],
        Resource: this.guardrailArn,
      },
    ];
  }
}
