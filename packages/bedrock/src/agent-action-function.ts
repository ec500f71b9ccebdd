import type { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretPolicy } from '@cdktf/provider-aws/lib/secretsmanager-secret-policy';
import { PlatformFunction } from '@genai-sandbox/compute';
import { ConstructEnvironment, type PolicyStatement, renderPolicy } from '@genai-sandbox/core';
import { API_SECRET_ENVIRONMENT_VARIABLE, functionSource } from '@genai-sandbox/functions';
import { LambdaAlarms } from '@genai-sandbox/observability';
import type { IKey } from '@genai-sandbox/security';
import { Construct } from 'constructs';
import { projectCollectionName } from './names';
import { SECRET_READ_ACTIONS } from './perms';

export interface AgentActionFunctionProps {
  /**
   * The platform key by its key ARN (`PlatformKey.fromKeyArn`): Lambda's `kms_key_arn` and the
   * log group take no alias. Encrypts the secret, the function's environment, logs and queue.
   */
  readonly encryptionKey: IKey;
}

/** The service principal that invokes action-group functions for Bedrock agents. */
export const BEDROCK_SERVICE_PRINCIPAL = 'bedrock.amazonaws.com';

export const AGENT_ACTION_SIDS = {
  readSecret: 'ReadExternalApiSecret',
  onlyFunctionReads: 'OnlyTheActionFunctionReadsTheValue',
} as const;

/**
 * The AmazonBedrockFunction trio of a project: the agent's action-group function
 * (`agent-action-group` of the functions package, through PlatformFunction: its own role, log
 * group, dead-letter queue, KMS environment, X-Ray), and a Secrets Manager secret with the
 * credentials of the external API it calls.
 *
 * The secret has no value in Terraform: an engineer puts it out of band (`aws secretsmanager
 * put-secret-value`), so the credentials never reach the state. Only the function's role may
 * read the value: its role policy allows GetSecretValue on this secret, and the secret's policy
 * denies GetSecretValue to every other principal of the account, administrators included.
 * Rotation is off: the external API's key is issued by its owner, and the function reads the
 * secret again within five minutes of a change (at once after the API refuses the old key).
 */
export class AgentActionFunction extends Construct {
  readonly function: PlatformFunction;
  readonly secret: SecretsmanagerSecret;
  readonly secretName: string;
  /** The secret's resource policy, exposed so tests and callers can inspect it. */
  readonly secretPolicyStatements: readonly PolicyStatement[];
  readonly alarms: LambdaAlarms;

  constructor(scope: Construct, id: string, props: AgentActionFunctionProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    this.secretName = `${projectCollectionName(this)}/agent-api`;
    this.secret = stack.protect(
      new SecretsmanagerSecret(this, 'Secret', {
        name: this.secretName,
        description: `Credentials of the external API the ${stack.projectName} agent's action group calls: JSON { "endpoint": "https://...", "apiKey": "..." }, set out of band`,
        kmsKeyId: props.encryptionKey.keyArn,
        // Outside production a destroyed secret goes at once, so a redeploy can create the same
        // name again (a secret scheduled for deletion blocks its name); in production the 30 days
        // of recovery stay, and prevent_destroy keeps it anyway.
        recoveryWindowInDays: stack.environment.preventDestroy ? 30 : 0,
      }),
    );

    this.function = new PlatformFunction(this, 'Function', {
      purpose: 'agent-action',
      description: `Action group of the ${stack.projectName} chat agent: looks up records of the external API`,
      source: functionSource('agent-action-group'),
      encryptionKey: props.encryptionKey,
      environment: { [API_SECRET_ENVIRONMENT_VARIABLE]: this.secret.arn },
      memorySizeMb: 256,
      // The secret read and the API call (5 s) with room for a cold start.
      timeoutSeconds: 15,
      // Caps what a runaway agent session can make the external API take.
      reservedConcurrency: 10,
    });
    // kms:Decrypt on the key, which Secrets Manager uses on the function's behalf, is part of
    // PlatformFunction's role (UsePlatformKey).
    this.function.addToRolePolicy({
      Sid: AGENT_ACTION_SIDS.readSecret,
      Effect: 'Allow',
      Action: [...SECRET_READ_ACTIONS],
      Resource: this.secret.arn,
    });

    this.secretPolicyStatements = [
      {
        Sid: AGENT_ACTION_SIDS.onlyFunctionReads,
        Effect: 'Deny',
        Principal: '*',
        Action: [...SECRET_READ_ACTIONS],
        Resource: this.secret.arn,
        Condition: { StringNotEquals: { 'aws:PrincipalArn': this.function.role.roleArn } },
      },
    ];
    new SecretsmanagerSecretPolicy(this, 'Policy', {
      secretArn: this.secret.arn,
      policy: renderPolicy(this.secretPolicyStatements),
      blockPublicPolicy: true,
    });
    this.alarms = new LambdaAlarms(this, 'Alarms', {
      functionName: this.function.functionName,
    });
  }

  /**
   * Lets exactly one agent invoke the function: Bedrock's service principal, with the agent's
   * ARN as source (`arn:aws:bedrock:<region>:<account>:agent/<id>`), so no other agent, of this
   * account or another, can use it.
   */
  allowAgent(agentArn: string): LambdaPermission {
    return this.function.allowInvokeFrom('AllowAgent', BEDROCK_SERVICE_PRINCIPAL, agentArn);
  }
}
