import { CloudwatchEventApiDestination } from '@cdktf/provider-aws/lib/cloudwatch-event-api-destination';
import { CloudwatchEventConnection } from '@cdktf/provider-aws/lib/cloudwatch-event-connection';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { ConstructEnvironment, isDeployTime, PropProblems } from '@genai-sandbox/core';
import { EventTargetRole, type IKey, type IPermissionsBoundary } from '@genai-sandbox/security';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue';
import { DEFAULT_RETRY_POLICY } from './retry-policy';

export interface GithubDispatchProps {
  /** Purpose, part of the names. */
  readonly purpose: string;
  /** The bus whose events start the workflow (the promotion bus). */
  readonly busName: string;
  /** EventBridge pattern (JSON) of the events that start it. */
  readonly eventPattern: string;
  /** `<org>/<repo>` that receives the repository_dispatch. */
  readonly repository: string;
  /** The repository_dispatch event type, e.g. `model-approved`. */
  readonly eventType: string;
  /** Extra constant fields of client_payload, e.g. the source environment (GitHub allows 10 fields in all). */
  readonly staticPayload: Readonly<Record<string, string>>;
  /** Customer key of the connection's secret and the dead-letter queue; its policy must admit EventBridge. */
  readonly encryptionKey: IKey;
  /** The boundary of the role EventBridge assumes to call the API destination. */
  readonly permissionsBoundary: IPermissionsBoundary;
}

/**
 * The placeholder the connection is created with. The GitHub token is never in Terraform: an
 * operator sets it once with `aws events update-connection` (README), and Terraform ignores the
 * connection's auth parameters from then on, so state only ever holds this placeholder.
 */
export const GITHUB_TOKEN_PLACEHOLDER = 'Bearer set-outside-terraform';

/** The fields of client_payload taken from the event; staticPayload may not reuse them. */
const EVENT_FIELDS = ['model_package_arn', 'model_package_group'];
/** GitHub's limit on the top-level properties of client_payload. */
const MAX_PAYLOAD_FIELDS = 10;

/**
 * Starts a GitHub `repository_dispatch` when a matching event reaches the bus
 * (docs/architecture.md#event-flow, step 5), through an EventBridge API destination, with retries and a dead-letter queue.
 * The payload carries the model package ARN, its group and the constant fields.
 */
export class GithubDispatch extends Construct {
  readonly ruleArn: string;
  readonly connection: CloudwatchEventConnection;
  readonly destination: CloudwatchEventApiDestination;
  readonly role: EventTargetRole;
  readonly deadLetterQueue: DeadLetterQueue;
  readonly inputTemplate: string;

  constructor(scope: Construct, id: string, props: GithubDispatchProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    const problems = new PropProblems();
    if (
      !isDeployTime(props.repository) &&
      !/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(props.repository)
    ) {
      problems.add(
        'repository',
        props.repository,
        'use "<org>/<repo>" as in github.com/<org>/<repo>',
      );
    }
    if (
      !isDeployTime(props.eventType) &&
      (props.eventType.length < 1 || props.eventType.length > 100)
    ) {
      problems.add(
        'eventType',
        props.eventType,
        'GitHub takes 1 to 100 characters, e.g. "model-approved"',
      );
    }
    const reused = Object.keys(props.staticPayload).filter((key) => EVENT_FIELDS.includes(key));
    if (reused.length > 0) {
      problems.add(
        'staticPayload',
        reused,
        'these fields come from the event; rename the constant fields',
      );
    }
    const fields = EVENT_FIELDS.length + Object.keys(props.staticPayload).length - reused.length;
    if (fields > MAX_PAYLOAD_FIELDS) {
      problems.add(
        'staticPayload',
        Object.keys(props.staticPayload),
        `client_payload would have ${fields} fields; GitHub allows ${MAX_PAYLOAD_FIELDS}, so keep staticPayload to ${MAX_PAYLOAD_FIELDS - EVENT_FIELDS.length}`,
      );
    }
    problems.throwIfAny(this, 'GithubDispatch');
    this.connection = new CloudwatchEventConnection(this, 'Connection', {
      name: stack.naming.name('eventbridge-rule', props.purpose),
      description: `GitHub API for ${props.repository}; token set outside Terraform`,
      authorizationType: 'API_KEY',
      authParameters: {
        apiKey: { key: 'Authorization', value: GITHUB_TOKEN_PLACEHOLDER },
        invocationHttpParameters: {
          header: [
            { key: 'Accept', value: 'application/vnd.github+json', isValueSecret: false },
            { key: 'X-GitHub-Api-Version', value: '2022-11-28', isValueSecret: false },
          ],
        },
      },
      kmsKeyIdentifier: props.encryptionKey.keyArn,
      lifecycle: { ignoreChanges: ['auth_parameters'] },
    });
    this.destination = new CloudwatchEventApiDestination(this, 'Destination', {
      name: stack.naming.name('eventbridge-rule', props.purpose),
      connectionArn: this.connection.arn,
      invocationEndpoint: `https://api.github.com/repos/${props.repository}/dispatches`,
      httpMethod: 'POST',
      invocationRateLimitPerSecond: 1,
    });
    const rule = new CloudwatchEventRule(this, 'Rule', {
      name: stack.naming.name('eventbridge-rule', props.purpose),
      description: `Starts ${props.eventType} in ${props.repository}`,
      eventBusName: props.busName,
      eventPattern: props.eventPattern,
      state: 'ENABLED',
    });
    this.ruleArn = rule.arn;
    this.role = new EventTargetRole(this, 'Role', {
      purpose: props.purpose,
      ruleArn: rule.arn,
      permissionsBoundary: props.permissionsBoundary,
      statement: {
        Sid: 'InvokeTheGithubDestinationOnly',
        Effect: 'Allow',
        Action: 'events:InvokeApiDestination',
        Resource: this.destination.arn,
      },
    });
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetterQueue', {
      purpose: props.purpose,
      encryptionKey: props.encryptionKey,
      sourceRuleArn: rule.arn,
    });
    const constants = Object.entries(props.staticPayload)
      .map(([key, value]) => `,${JSON.stringify(key)}:${JSON.stringify(value)}`)
      .join('');
    this.inputTemplate = `{"event_type":${JSON.stringify(props.eventType)},"client_payload":{"model_package_arn":<arn>,"model_package_group":<group>${constants}}}`;
    new CloudwatchEventTarget(this, 'Target', {
      rule: rule.name,
      eventBusName: props.busName,
      arn: this.destination.arn,
      roleArn: this.role.roleArn,
      retryPolicy: DEFAULT_RETRY_POLICY,
      deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
      inputTransformer: {
        inputPaths: { arn: '$.detail.ModelPackageArn', group: '$.detail.ModelPackageGroupName' },
        inputTemplate: this.inputTemplate,
      },
    });
  }
}
