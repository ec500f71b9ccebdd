import type { PolicyStatement } from '@genai-sandbox/core';
import { regionalArn, type PermissionScope } from '../permission-scope';
import { requestTagged, resourceTagged } from './scope-conditions';

/**
 * Serving, integration and observability: Lambda, Step Functions, EventBridge and its Scheduler,
 * SQS, SNS, Secrets Manager, ECR, CloudWatch alarms and dashboards, budgets and the cross-account
 * observability link. One managed policy.
 */
export function deployIntegrationStatements(scope: PermissionScope): PolicyStatement[] {
  const named = (service: string, ...resources: string[]) =>
    resources.map((resource) => regionalArn(scope, service, resource));
  const p = scope.prefix;
  const platformFunctions = regionalArn(scope, 'lambda', `function:${p}-*`);
  return [
    {
      Sid: 'Lambda',
      Effect: 'Allow',
      Action: [
        'lambda:AddPermission',
        'lambda:Create*',
        'lambda:Delete*',
        'lambda:Publish*',
        'lambda:Put*',
        'lambda:RemovePermission',
        'lambda:TagResource',
        'lambda:UntagResource',
        'lambda:Update*',
      ],
      Resource: named('lambda', `function:${p}-*`, `layer:${p}-*`),
    },
    {
      // Event source mappings support only "*" when created; the function they invoke scopes them.
      Sid: 'LambdaEventSourceCreate',
      Effect: 'Allow',
      Action: 'lambda:CreateEventSourceMapping',
      Resource: '*',
      Condition: { ArnLike: { 'lambda:FunctionArn': platformFunctions } },
    },
    {
      Sid: 'LambdaEventSources',
      Effect: 'Allow',
      Action: ['lambda:DeleteEventSourceMapping', 'lambda:UpdateEventSourceMapping'],
      Resource: regionalArn(scope, 'lambda', 'event-source-mapping:*'),
      Condition: { ArnLike: { 'lambda:FunctionArn': platformFunctions } },
    },
    {
      Sid: 'StepFunctions',
      Effect: 'Allow',
      Action: [
        'states:CreateStateMachine*',
        'states:DeleteStateMachine*',
        'states:PublishStateMachineVersion',
        'states:TagResource',
        'states:UntagResource',
        'states:UpdateStateMachine*',
      ],
      Resource: named('states', `stateMachine:${p}-*`),
    },
    {
      // Buses, rules (on the default bus too: SageMaker emits approvals there), connections, API
      // destinations and archives. Not events:PutEvents.
      Sid: 'EventBridge',
      Effect: 'Allow',
      Action: [
        'events:Create*',
        'events:Delete*',
        'events:DisableRule',
        'events:EnableRule',
        'events:PutPermission',
        'events:PutRule',
        'events:PutTargets',
        'events:RemovePermission',
        'events:RemoveTargets',
        'events:TagResource',
        'events:UntagResource',
        'events:Update*',
      ],
      Resource: named(
        'events',
        `event-bus/${p}-*`,
        `rule/${p}-*`,
        `connection/${p}-*`,
        `api-destination/${p}-*`,
        `archive/${p}-*`,
      ),
    },
    {
      // EventBridge Scheduler: the platform's schedule groups and the schedules in them (a
      // schedule's ARN names its group). Groups carry the default tags, so tagging is needed.
      Sid: 'Scheduler',
      Effect: 'Allow',
      Action: [
        'scheduler:CreateSchedule',
        'scheduler:CreateScheduleGroup',
        'scheduler:DeleteSchedule',
        'scheduler:DeleteScheduleGroup',
        'scheduler:TagResource',
        'scheduler:UntagResource',
        'scheduler:UpdateSchedule',
      ],
      // Schedules without a group are in the default group.
      Resource: named(
        'scheduler',
        `schedule-group/${p}-*`,
        `schedule/${p}-*/*`,
        `schedule/default/${p}-*`,
      ),
    },
    {
      // The platform's secrets, and those EventBridge creates for a connection in the caller's name.
      Sid: 'Secrets',
      Effect: 'Allow',
      Action: [
        'secretsmanager:CreateSecret',
        'secretsmanager:DeleteResourcePolicy',
        'secretsmanager:DeleteSecret',
        'secretsmanager:GetSecretValue',
        'secretsmanager:PutResourcePolicy',
        'secretsmanager:PutSecretValue',
        'secretsmanager:TagResource',
        'secretsmanager:UntagResource',
        'secretsmanager:UpdateSecret',
      ],
      Resource: named('secretsmanager', `secret:${p}-*`, `secret:events!connection/${p}-*`),
    },
    {
      Sid: 'Queues',
      Effect: 'Allow',
      Action: [
        'sqs:CreateQueue',
        'sqs:DeleteQueue',
        'sqs:SetQueueAttributes',
        'sqs:TagQueue',
        'sqs:UntagQueue',
      ],
      Resource: named('sqs', `${p}-*`),
    },
    {
      Sid: 'Topics',
      Effect: 'Allow',
      Action: [
        'sns:CreateTopic',
        'sns:DeleteTopic',
        'sns:SetSubscriptionAttributes',
        'sns:SetTopicAttributes',
        'sns:Subscribe',
        'sns:TagResource',
        'sns:Unsubscribe',
        'sns:UntagResource',
      ],
      Resource: named('sns', `${p}-*`),
    },
    {
      // Repositories and their policies; not image push or pull.
      Sid: 'ContainerRepositories',
      Effect: 'Allow',
      Action: [
        'ecr:CreateRepository',
        'ecr:DeleteLifecyclePolicy',
        'ecr:DeleteRepository',
        'ecr:DeleteRepositoryPolicy',
        'ecr:PutImageScanningConfiguration',
        'ecr:PutImageTagMutability',
        'ecr:PutLifecyclePolicy',
        'ecr:SetRepositoryPolicy',
        'ecr:TagResource',
        'ecr:UntagResource',
      ],
      Resource: named('ecr', `repository/${p}-*`),
    },
    {
      Sid: 'AlarmsAndDashboards',
      Effect: 'Allow',
      Action: [
        'cloudwatch:DeleteAlarms',
        'cloudwatch:DeleteDashboards',
        'cloudwatch:PutDashboard',
        'cloudwatch:PutMetricAlarm',
        'cloudwatch:TagResource',
        'cloudwatch:UntagResource',
      ],
      Resource: [
        regionalArn(scope, 'cloudwatch', `alarm:${p}-*`),
        `arn:aws:cloudwatch::${scope.accountId}:dashboard/${p}-*`,
      ],
    },
    {
      // Budgets are global: their ARNs carry no region. Creating, changing and deleting a budget
      // and its notifications are all budgets:ModifyBudget.
      Sid: 'Budgets',
      Effect: 'Allow',
      Action: ['budgets:ModifyBudget', 'budgets:TagResource', 'budgets:UntagResource'],
      Resource: `arn:aws:budgets::${scope.accountId}:budget/${p}-*`,
    },
    {
      // A link authorises on the shared-services account's sink; it gets a generated ID.
      Sid: 'ObservabilityLinkCreate',
      Effect: 'Allow',
      Action: 'oam:CreateLink',
      Resource: scope.observabilitySinkArn,
      Condition: requestTagged(scope),
    },
    {
      Sid: 'ObservabilityLinkTagOnCreate',
      Effect: 'Allow',
      Action: 'oam:TagResource',
      Resource: regionalArn(scope, 'oam', 'link/*'),
      Condition: requestTagged(scope),
    },
    {
      Sid: 'ObservabilityLinks',
      Effect: 'Allow',
      Action: ['oam:DeleteLink', 'oam:TagResource', 'oam:UntagResource', 'oam:UpdateLink'],
      Resource: regionalArn(scope, 'oam', 'link/*'),
      Condition: resourceTagged(scope),
    },
    {
      // What a link shares (CloudWatch Observability Access Manager permissions): actions the
      // catalogue lists without resource types.
      Sid: 'ObservabilityLinkTelemetry',
      Effect: 'Allow',
      Action: ['cloudwatch:Link', 'logs:Link', 'xray:Link'],
      Resource: '*',
    },
  ];
}
