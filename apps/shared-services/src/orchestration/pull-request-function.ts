import { PROJECT_ORCHESTRATION_PURPOSES } from '@genai-sandbox/config';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { PlatformFunction } from '@genai-sandbox/compute';
import { PlatformStack } from '@genai-sandbox/core';
import { functionSource, pullRequestEnvironment } from '@genai-sandbox/functions';
import { type IAlarmTopic, LambdaAlarms } from '@genai-sandbox/observability';
import type { IKey } from '@genai-sandbox/security';
import { Construct } from 'constructs';
import { SECRET_READ_ACTIONS } from './perms';

export interface PullRequestFunctionProps {
  /** `<owner>/<repository>` of the platform repository. */
  readonly repository: string;
  readonly encryptionKey: IKey;
  readonly alarmTopic: IAlarmTopic;
}

/**
 * The project-pull-request function and the secret of its GitHub token. Terraform creates the
 * secret without a value, so the token is never in a plan or in state: an operator sets it once
 * (apps/shared-services/README.md). Only this function's role may read it.
 */
export class PullRequestFunction extends Construct {
  readonly function: PlatformFunction;
  readonly tokenSecret: SecretsmanagerSecret;

  constructor(scope: Construct, id: string, props: PullRequestFunctionProps) {
    super(scope, id);
    const stack = PlatformStack.of(this);
    this.tokenSecret = stack.protect(
      new SecretsmanagerSecret(this, 'GitHubToken', {
        name: stack.naming.name(
          'secretsmanager-secret',
          PROJECT_ORCHESTRATION_PURPOSES.tokenSecret,
        ),
        description:
          'GitHub token (contents and pull requests, read and write, on the platform repository) of the project orchestration; set out of band',
        kmsKeyId: props.encryptionKey.keyArn,
        recoveryWindowInDays: 30,
      }),
    );
    this.function = new PlatformFunction(this, 'Function', {
      purpose: PROJECT_ORCHESTRATION_PURPOSES.pullRequest,
      description:
        'Opens the pull request adding a SageMaker Unified Studio project to its environment file',
      source: functionSource('project-pull-request'),
      encryptionKey: props.encryptionKey,
      environment: pullRequestEnvironment({
        repository: props.repository,
        tokenSecretId: this.tokenSecret.arn,
      }),
      timeoutSeconds: 60,
      // One at a time: two executions for one project would race for its branch.
      reservedConcurrency: 1,
    });
    this.function.addToRolePolicy({
      Sid: 'ReadTheGitHubToken',
      Effect: 'Allow',
      Action: [...SECRET_READ_ACTIONS],
      Resource: this.tokenSecret.arn,
    });
    new LambdaAlarms(this, 'Alarms', {
      functionName: this.function.functionName,
      topic: props.alarmTopic,
    });
  }
}
