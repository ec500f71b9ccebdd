import { loadPlatformConfiguration } from '@genai-sandbox/config';
import { evaluateIam } from '@genai-sandbox/core/testing';
import { join, resolve } from 'node:path';
import { checkedInPlatform } from './checked-in-platform';

/**
 * The CI roles can deploy and plan what the platform synthesizes: every resource type of every
 * stack of the checked-in configuration that a deploy role applies (all but the bootstrap
 * stacks, which an administrator applies; the shared-services stack with the roles of
 * bootstrap-shared-services) maps to the IAM actions Terraform's AWS provider calls to create,
 * read, change, tag and delete it, and IAM's evaluation of the bootstrap stack's policies and
 * permissions boundary, as synthesized, allows each on a resource of the platform's names: the
 * deploy role all of them, the plan role the reads. CloudFormation stacks created without a
 * service role add what CloudFormation calls in the deploy role's name for each type of their
 * template. A type without an entry fails the test, so a new resource type cannot reach a
 * deployment the roles cannot carry out.
 */
const ROOT = resolve(__dirname, '..', '..', '..');
const PLATFORM = 'genai';

interface Environment {
  readonly name: string;
  readonly account: string;
  readonly region: string;
  /** `<platform>-<env>`, the start of every physical name of the environment. */
  readonly prefix: string;
}
type Resource = Readonly<Record<string, unknown>>;

/** One call: its action and, when it is not the type's own ARN, the resource it names. */
interface Call {
  readonly action: string;
  readonly on?: (e: Environment, resource: Resource) => string;
  /** Condition keys the call carries besides region, principal and the platform tag. */
  readonly context?: Readonly<Record<string, string>>;
}
type CallSpec = string | Call;

interface TypeCalls {
  /** The ARN of a resource of this type named as the platform names it. */
  readonly arn: (e: Environment, resource: Resource) => string;
  /** Creating, with the platform tag in the request (default_tags). */
  readonly create: readonly CallSpec[];
  /** Refreshing: both roles. */
  readonly read: readonly CallSpec[];
  /** Updating, tagging and deleting the tagged resource. */
  readonly change: readonly CallSpec[];
  /** Budgets and Route 53 are global: their calls carry us-east-1. */
  readonly global?: boolean;
}

const named = (resource: Resource, attribute: string, fallback: string): string => {
  const value = resource[attribute];
  return typeof value === 'string' && !value.includes('${') ? value : fallback;
};
const regional =
  (service: string, path: (e: Environment, resource: Resource) => string) =>
  (e: Environment, resource: Resource) =>
    `arn:aws:${service}:${e.region}:${e.account}:${path(e, resource)}`;
const ec2 = (path: string) => regional('ec2', () => path);
const bucket = (e: Environment) => `arn:aws:s3:::${e.prefix}-fraud-detection-ml-${e.account}`;
const s3Bucket = (actions: { create?: string[]; read: string[]; change: string[] }): TypeCalls => ({
  arn: bucket,
  create: actions.create ?? actions.change.filter((action) => action.includes('Put')),
  read: actions.read,
  change: actions.change,
});
const role = (e: Environment, r: Resource) =>
  `arn:aws:iam::${e.account}:role/${named(r, 'name', `${e.prefix}-fraud-detection-x`)}`;
const eventBus = regional('events', (e, r) => `event-bus/${named(r, 'name', `${e.prefix}-bus`)}`);
const eventRule = regional('events', (e, r) => {
  const bus = named(r, 'event_bus_name', 'default');
  const rule = named(r, 'name', named(r, 'rule', `${e.prefix}-rule`));
  return bus === 'default' ? `rule/${rule}` : `rule/${bus}/${rule}`;
});
const knowledgeBase = regional('bedrock', () => 'knowledge-base/KB12345678');
const agent = regional('bedrock', () => 'agent/AG12345678');
const guardrail = regional('bedrock', () => 'guardrail/gr12345678');
const platformKey = regional('kms', () => 'key/1a2b3c4d-0000-0000-0000-000000000000');
const collection = regional('aoss', () => 'collection/col1234567890');
/** Policies have no ARN: aoss:collection names the collection they cover. */
const ofCollection = { 'aoss:collection': '<prefix>-fraud-detection' };
const aossPolicy = (kind: string): TypeCalls => ({
  arn: () => '*',
  create: [{ action: `aoss:Create${kind}Policy`, context: ofCollection }],
  read: [`aoss:Get${kind}Policy`],
  change: [
    { action: `aoss:Update${kind}Policy`, context: ofCollection },
    { action: `aoss:Delete${kind}Policy`, context: ofCollection },
  ],
});
/** The calls OpenSearch Serverless makes in the caller's name for a VPC endpoint. */
const viaAoss = { 'aws:ViaAWSService': 'true' };
const ec2Rule = (direction: 'Egress' | 'Ingress'): TypeCalls => ({
  arn: ec2('security-group/sg-0123456789abcdef0'),
  create: [],
  read: [{ action: 'ec2:DescribeSecurityGroupRules', on: () => '*' }],
  change: [
    `ec2:AuthorizeSecurityGroup${direction}`,
    `ec2:RevokeSecurityGroup${direction}`,
    'ec2:ModifySecurityGroupRules',
  ],
});
const ec2Resource = (path: string, create: string, describe: string, more: string[] = []) => ({
  arn: ec2(path),
  create: [create],
  read: [{ action: describe, on: () => '*' }],
  change: [create.replace(/^ec2:(Create|Allocate)/, 'ec2:Delete'), ...more],
});

/** API Gateway authorises HTTP verbs on resource paths; its ARNs carry no account. */
const apiGateway =
  (path: (e: Environment, resource: Resource) => string) => (e: Environment, resource: Resource) =>
    `arn:aws:apigateway:${e.region}::${path(e, resource)}`;
const restApi = (sub = '') => apiGateway(() => `/restapis/a1b2c3d4e5${sub}`);
const usagePlan = apiGateway(() => '/usageplans/u1v2w3');
/** Tag changes go to /tags/<URL-encoded ARN>, with the platform tag in the request. */
const apiTags = (arn: (e: Environment, resource: Resource) => string): Call[] => [
  {
    action: 'apigateway:PUT',
    on: (e, r) => apiGateway(() => `/tags/${encodeURIComponent(arn(e, r))}`)(e, r),
    context: { 'aws:RequestTag/platform': PLATFORM },
  },
  {
    action: 'apigateway:DELETE',
    on: (e, r) => apiGateway(() => `/tags/${encodeURIComponent(arn(e, r))}`)(e, r),
    context: { 'aws:TagKeys': 'cost-centre' },
  },
];
/**
 * A part of a REST API: created, changed and deleted on the API's paths, which inherit the API's
 * platform tag for attribute-based access control; it carries no tags of its own.
 */
const restApiPart = (path: string, create: Call, more: CallSpec[] = []): TypeCalls => ({
  arn: restApi(`/${path}`),
  create: [],
  read: ['apigateway:GET'],
  change: [create, 'apigateway:PATCH', 'apigateway:DELETE', ...more],
});
const scalableTarget = regional('application-autoscaling', () => 'scalable-target/056789abcdef');
/** What the platform scales: the instance count of an endpoint variant. */
const endpointVariant = {
  'application-autoscaling:service-namespace': 'sagemaker',
  'application-autoscaling:scalable-dimension': 'sagemaker:variant:DesiredInstanceCount',
};
const endpointConfig = regional(
  'sagemaker',
  (e) => `endpoint-config/${e.prefix}-fraud-detection-realtime-20261202040000000000000001`,
);

const sink = regional('oam', () => 'sink/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b');
const resourceShare = regional('ram', () => 'resource-share/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d');
const ramAssociation: TypeCalls = {
  arn: resourceShare,
  create: [],
  read: [{ action: 'ram:GetResourceShareAssociations', on: () => '*' }],
  change: ['ram:AssociateResourceShare', 'ram:DisassociateResourceShare'],
};

/** The inference host of the example configuration (dev.json blueprints.inferenceDomain). */
const inferenceHost = (e: Environment) => `inference.fraud-detection.${e.name}.ml.example.com`;
const domainName = apiGateway((e) => `/domainnames/${inferenceHost(e)}`);
const certificate = regional('acm', () => 'certificate/1a2b3c4d-0000-0000-0000-000000000000');
const apiStage = restApi('/stages/v1');
const hostedZone = () => 'arn:aws:route53:::hostedzone/Z00000000000000000001';
/**
 * What Terraform's AWS provider (hashicorp/aws 5.100) calls for each resource type the platform
 * synthesizes; the one list of it. Reads include the tag reads of the refresh.
 */
const PROVIDER_CALLS: Readonly<Record<string, TypeCalls>> = {
  aws_acm_certificate: {
    arn: certificate,
    create: [
      {
        action: 'acm:RequestCertificate',
        on: () => '*',
        context: {
          'acm:DomainNames': 'inference.fraud-detection.dev.ml.example.com',
          'acm:ValidationMethod': 'DNS',
        },
      },
      'acm:AddTagsToCertificate',
    ],
    read: ['acm:DescribeCertificate', 'acm:ListTagsForCertificate'],
    change: [
      { action: 'acm:AddTagsToCertificate', context: { 'aws:RequestTag/platform': PLATFORM } },
      'acm:RemoveTagsFromCertificate',
      'acm:DeleteCertificate',
    ],
  },
  aws_acm_certificate_validation: {
    arn: certificate,
    // Waits for the certificate to be issued: reads only.
    create: [],
    read: ['acm:DescribeCertificate'],
    change: [],
  },
  aws_api_gateway_account: {
    arn: apiGateway(() => '/account'),
    create: ['apigateway:PATCH'],
    read: ['apigateway:GET'],
    change: ['apigateway:PATCH'],
  },
  aws_api_gateway_authorizer: restApiPart('authorizers/a1b2c3', {
    action: 'apigateway:POST',
    on: restApi('/authorizers'),
  }),
  aws_api_gateway_base_path_mapping: {
    // Under the host's domain name (foundation), whose platform tag it inherits.
    arn: (e, r) =>
      apiGateway(() => `/domainnames/${inferenceHost(e)}/basepathmappings/realtime`)(e, r),
    create: [],
    read: ['apigateway:GET'],
    change: [
      {
        action: 'apigateway:POST',
        on: (e, r) => apiGateway(() => `/domainnames/${inferenceHost(e)}/basepathmappings`)(e, r),
      },
      'apigateway:PATCH',
      'apigateway:DELETE',
    ],
  },
  aws_api_gateway_deployment: restApiPart('deployments/d1e2f3', {
    action: 'apigateway:POST',
    on: restApi('/deployments'),
  }),
  aws_api_gateway_domain_name: {
    arn: domainName,
    create: [{ action: 'apigateway:POST', on: apiGateway(() => '/domainnames') }],
    read: ['apigateway:GET'],
    change: ['apigateway:PATCH', 'apigateway:DELETE', ...apiTags(domainName)],
  },
  aws_api_gateway_integration: restApiPart('resources/r1s2t3/methods/POST/integration', {
    action: 'apigateway:PUT',
  }),
  aws_api_gateway_method: restApiPart('resources/r1s2t3/methods/POST', {
    action: 'apigateway:PUT',
  }),
  aws_api_gateway_method_settings: {
    arn: restApi('/stages/v1'),
    create: [],
    read: ['apigateway:GET'],
    // Method settings are a patch of the stage.
    change: ['apigateway:PATCH'],
  },
  aws_api_gateway_model: restApiPart('models/InferenceRequest', {
    action: 'apigateway:POST',
    on: restApi('/models'),
  }),
  aws_api_gateway_request_validator: restApiPart('requestvalidators/v1a2b3', {
    action: 'apigateway:POST',
    on: restApi('/requestvalidators'),
  }),
  aws_api_gateway_resource: restApiPart('resources/r1s2t3', {
    action: 'apigateway:POST',
    on: restApi('/resources/p0q1r2'),
  }),
  aws_api_gateway_rest_api: {
    arn: restApi(),
    create: [{ action: 'apigateway:POST', on: apiGateway(() => '/restapis') }],
    // The refresh reads the root resource's ID too.
    read: ['apigateway:GET', { action: 'apigateway:GET', on: restApi('/resources') }],
    change: ['apigateway:PATCH', 'apigateway:DELETE', ...apiTags(restApi())],
  },
  aws_api_gateway_stage: {
    ...restApiPart(
      'stages/v1',
      // Created tagged (default_tags) under the API, whose tag it inherits.
      {
        action: 'apigateway:POST',
        on: restApi('/stages'),
        context: { 'aws:RequestTag/platform': PLATFORM },
      },
      apiTags(restApi('/stages/v1')),
    ),
  },
  aws_api_gateway_usage_plan: {
    arn: usagePlan,
    create: [{ action: 'apigateway:POST', on: apiGateway(() => '/usageplans') }],
    read: ['apigateway:GET'],
    change: ['apigateway:PATCH', 'apigateway:DELETE', ...apiTags(usagePlan)],
  },
  aws_appautoscaling_policy: {
    arn: scalableTarget,
    // Authorised on the scalable target, which exists and carries the platform tag.
    create: [],
    read: [{ action: 'application-autoscaling:DescribeScalingPolicies', on: () => '*' }],
    change: [
      { action: 'application-autoscaling:PutScalingPolicy', context: endpointVariant },
      { action: 'application-autoscaling:DeleteScalingPolicy', context: endpointVariant },
      // Target tracking's alarms, which Application Auto Scaling manages in the caller's name.
      ...['cloudwatch:PutMetricAlarm', 'cloudwatch:DescribeAlarms', 'cloudwatch:DeleteAlarms'].map(
        (action) => ({
          action,
          on: regional(
            'cloudwatch',
            (e) =>
              `alarm:TargetTracking-endpoint/${e.prefix}-fraud-detection-realtime/variant/AllTraffic-AlarmHigh-1a2b3c4d`,
          ),
        }),
      ),
    ],
  },
  aws_appautoscaling_target: {
    arn: scalableTarget,
    create: [
      { action: 'application-autoscaling:RegisterScalableTarget', context: endpointVariant },
      'application-autoscaling:TagResource',
      // The first SageMaker target of an account creates Application Auto Scaling's role.
      {
        action: 'iam:CreateServiceLinkedRole',
        on: (e) =>
          `arn:aws:iam::${e.account}:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint`,
        context: { 'iam:AWSServiceName': 'sagemaker.application-autoscaling.amazonaws.com' },
      },
    ],
    read: [
      { action: 'application-autoscaling:DescribeScalableTargets', on: () => '*' },
      'application-autoscaling:ListTagsForResource',
    ],
    change: [
      { action: 'application-autoscaling:RegisterScalableTarget', context: endpointVariant },
      { action: 'application-autoscaling:DeregisterScalableTarget', context: endpointVariant },
      'application-autoscaling:TagResource',
      'application-autoscaling:UntagResource',
    ],
  },
  aws_athena_workgroup: {
    arn: regional('athena', (e, r) => `workgroup/${named(r, 'name', `${e.prefix}-wg`)}`),
    create: ['athena:CreateWorkGroup', 'athena:TagResource'],
    read: ['athena:GetWorkGroup', 'athena:ListTagsForResource'],
    change: [
      'athena:UpdateWorkGroup',
      'athena:TagResource',
      'athena:UntagResource',
      'athena:DeleteWorkGroup',
    ],
  },
  aws_bedrock_guardrail: {
    arn: guardrail,
    create: [{ action: 'bedrock:CreateGuardrail', on: () => '*' }, 'bedrock:TagResource'],
    read: [
      'bedrock:GetGuardrail',
      'bedrock:ListTagsForResource',
      { action: 'kms:DescribeKey', on: platformKey },
    ],
    change: [
      'bedrock:UpdateGuardrail',
      'bedrock:TagResource',
      'bedrock:UntagResource',
      'bedrock:DeleteGuardrail',
      // A guardrail encrypted with the platform key (tagged): Bedrock uses it in the caller's name.
      ...['kms:Decrypt', 'kms:GenerateDataKey'].map((action) => ({
        action,
        on: platformKey,
      })),
      {
        action: 'kms:CreateGrant',
        on: platformKey,
        context: { 'kms:GrantIsForAWSResource': 'true' },
      },
    ],
  },
  aws_bedrock_guardrail_version: {
    arn: guardrail,
    create: [],
    read: ['bedrock:GetGuardrail'],
    change: ['bedrock:CreateGuardrailVersion', 'bedrock:DeleteGuardrail'],
  },
  aws_bedrock_inference_profile: {
    arn: regional('bedrock', () => 'application-inference-profile/ip1234567890'),
    create: [
      'bedrock:CreateInferenceProfile',
      {
        action: 'bedrock:CreateInferenceProfile',
        on: (e) =>
          `arn:aws:bedrock:${e.region}::foundation-model/anthropic.claude-3-haiku-20240307-v1:0`,
      },
      'bedrock:TagResource',
    ],
    read: ['bedrock:GetInferenceProfile', 'bedrock:ListTagsForResource'],
    change: ['bedrock:TagResource', 'bedrock:UntagResource', 'bedrock:DeleteInferenceProfile'],
  },
  aws_bedrock_model_invocation_logging_configuration: {
    arn: () => '*',
    create: ['bedrock:PutModelInvocationLoggingConfiguration'],
    read: ['bedrock:GetModelInvocationLoggingConfiguration'],
    change: [
      'bedrock:PutModelInvocationLoggingConfiguration',
      'bedrock:DeleteModelInvocationLoggingConfiguration',
    ],
  },
  aws_bedrockagent_agent: {
    arn: agent,
    create: [{ action: 'bedrock:CreateAgent', on: () => '*' }, 'bedrock:TagResource'],
    read: ['bedrock:GetAgent', 'bedrock:ListTagsForResource'],
    change: [
      'bedrock:UpdateAgent',
      'bedrock:PrepareAgent',
      'bedrock:TagResource',
      'bedrock:UntagResource',
      'bedrock:DeleteAgent',
    ],
  },
  aws_bedrockagent_agent_action_group: {
    arn: agent,
    // Authorised on the agent, which exists and carries the platform tag.
    create: [],
    read: ['bedrock:GetAgentActionGroup'],
    change: [
      'bedrock:CreateAgentActionGroup',
      'bedrock:UpdateAgentActionGroup',
      'bedrock:DeleteAgentActionGroup',
    ],
  },
  aws_bedrockagent_agent_alias: {
    arn: regional('bedrock', () => 'agent-alias/AG12345678/AL12345678'),
    create: [],
    read: ['bedrock:GetAgentAlias', 'bedrock:ListTagsForResource'],
    change: [
      { action: 'bedrock:CreateAgentAlias', on: agent },
      'bedrock:UpdateAgentAlias',
      'bedrock:TagResource',
      'bedrock:DeleteAgentAlias',
    ],
  },
  aws_bedrockagent_agent_knowledge_base_association: {
    arn: agent,
    create: [],
    read: [
      'bedrock:GetAgentKnowledgeBase',
      { action: 'bedrock:GetAgentKnowledgeBase', on: knowledgeBase },
    ],
    change: [
      'bedrock:AssociateAgentKnowledgeBase',
      { action: 'bedrock:AssociateAgentKnowledgeBase', on: knowledgeBase },
      'bedrock:UpdateAgentKnowledgeBase',
      'bedrock:DisassociateAgentKnowledgeBase',
      'bedrock:PrepareAgent',
    ],
  },
  aws_bedrockagent_data_source: {
    arn: knowledgeBase,
    create: [],
    read: ['bedrock:GetDataSource'],
    change: ['bedrock:CreateDataSource', 'bedrock:UpdateDataSource', 'bedrock:DeleteDataSource'],
  },
  aws_bedrockagent_knowledge_base: {
    arn: knowledgeBase,
    create: [{ action: 'bedrock:CreateKnowledgeBase', on: () => '*' }, 'bedrock:TagResource'],
    read: ['bedrock:GetKnowledgeBase', 'bedrock:ListTagsForResource'],
    change: [
      'bedrock:UpdateKnowledgeBase',
      'bedrock:TagResource',
      'bedrock:UntagResource',
      'bedrock:DeleteKnowledgeBase',
    ],
  },
  aws_budgets_budget: {
    arn: (e, r) => `arn:aws:budgets::${e.account}:budget/${named(r, 'name', `${e.prefix}-b`)}`,
    global: true,
    create: ['budgets:ModifyBudget', 'budgets:TagResource'],
    read: ['budgets:ViewBudget', 'budgets:ListTagsForResource'],
    change: ['budgets:ModifyBudget', 'budgets:TagResource', 'budgets:UntagResource'],
  },
  aws_cloudformation_stack: {
    arn: regional('cloudformation', (e, r) => `stack/${named(r, 'name', `${e.prefix}-s`)}/1a2b`),
    create: ['cloudformation:CreateStack', 'cloudformation:TagResource'],
    read: [
      'cloudformation:DescribeStacks',
      'cloudformation:GetTemplate',
      'cloudformation:DescribeStackEvents',
    ],
    change: [
      'cloudformation:UpdateStack',
      'cloudformation:TagResource',
      'cloudformation:UntagResource',
      'cloudformation:DeleteStack',
    ],
  },
  aws_cloudwatch_dashboard: {
    arn: (e, r) =>
      `arn:aws:cloudwatch::${e.account}:dashboard/${named(r, 'dashboard_name', `${e.prefix}-d`)}`,
    create: ['cloudwatch:PutDashboard'],
    read: ['cloudwatch:GetDashboard'],
    change: ['cloudwatch:PutDashboard', 'cloudwatch:DeleteDashboards'],
  },
  aws_cloudwatch_event_api_destination: {
    arn: regional('events', (e, r) => `api-destination/${named(r, 'name', `${e.prefix}-a`)}`),
    create: ['events:CreateApiDestination'],
    read: ['events:DescribeApiDestination'],
    change: ['events:UpdateApiDestination', 'events:DeleteApiDestination'],
  },
  aws_cloudwatch_event_archive: {
    arn: regional('events', (e, r) => `archive/${named(r, 'name', `${e.prefix}-a`)}`),
    create: ['events:CreateArchive'],
    read: ['events:DescribeArchive'],
    change: ['events:UpdateArchive', 'events:DeleteArchive'],
  },
  aws_cloudwatch_event_bus: {
    arn: eventBus,
    create: ['events:CreateEventBus', 'events:TagResource'],
    read: ['events:DescribeEventBus', 'events:ListTagsForResource'],
    change: [
      'events:UpdateEventBus',
      'events:TagResource',
      'events:UntagResource',
      'events:DeleteEventBus',
    ],
  },
  aws_cloudwatch_event_bus_policy: {
    arn: regional('events', (e) => `event-bus/${e.prefix}-promotion`),
    create: [],
    read: ['events:DescribeEventBus'],
    change: ['events:PutPermission', 'events:RemovePermission'],
  },
  aws_cloudwatch_event_connection: {
    arn: regional('events', (e, r) => `connection/${named(r, 'name', `${e.prefix}-c`)}`),
    create: ['events:CreateConnection'],
    read: ['events:DescribeConnection'],
    change: ['events:UpdateConnection', 'events:DeleteConnection'],
  },
  aws_cloudwatch_event_rule: {
    arn: eventRule,
    create: ['events:PutRule', 'events:TagResource'],
    read: ['events:DescribeRule', 'events:ListTagsForResource'],
    change: [
      'events:PutRule',
      'events:EnableRule',
      'events:DisableRule',
      'events:TagResource',
      'events:UntagResource',
      'events:DeleteRule',
    ],
  },
  aws_cloudwatch_event_target: {
    arn: eventRule,
    create: [],
    read: ['events:ListTargetsByRule'],
    change: ['events:PutTargets', 'events:RemoveTargets'],
  },
  aws_cloudwatch_log_group: {
    arn: regional('logs', (e, r) => `log-group:${named(r, 'name', `/genai/${e.name}/x`)}`),
    create: ['logs:CreateLogGroup', 'logs:TagResource'],
    read: [
      { action: 'logs:DescribeLogGroups', on: () => '*' },
      'logs:ListTagsForResource',
      'logs:GetDataProtectionPolicy',
    ],
    change: [
      'logs:PutRetentionPolicy',
      'logs:AssociateKmsKey',
      'logs:TagResource',
      'logs:UntagResource',
      'logs:DeleteLogGroup',
    ],
  },
  aws_cloudwatch_metric_alarm: {
    arn: regional('cloudwatch', (e, r) => `alarm:${named(r, 'alarm_name', `${e.prefix}-a`)}`),
    create: ['cloudwatch:PutMetricAlarm', 'cloudwatch:TagResource'],
    read: ['cloudwatch:DescribeAlarms', 'cloudwatch:ListTagsForResource'],
    change: [
      'cloudwatch:PutMetricAlarm',
      'cloudwatch:TagResource',
      'cloudwatch:UntagResource',
      'cloudwatch:DeleteAlarms',
    ],
  },
  // SageMaker Unified Studio (foundation, where the domain's projects deploy): the actions have
  // no resource type; the provisioning role bootstrap creates goes to DataZone.
  aws_datazone_environment_blueprint_configuration: {
    arn: () => '*',
    create: [
      'datazone:PutEnvironmentBlueprintConfiguration',
      {
        action: 'iam:PassRole',
        on: (e) => `arn:aws:iam::${e.account}:role/${e.prefix}-smus-provisioning`,
        context: { 'iam:PassedToService': 'datazone.amazonaws.com' },
      },
    ],
    read: ['datazone:GetEnvironmentBlueprintConfiguration'],
    change: [
      'datazone:PutEnvironmentBlueprintConfiguration',
      'datazone:DeleteEnvironmentBlueprintConfiguration',
    ],
  },
  aws_default_security_group: {
    arn: ec2('security-group/sg-0123456789abcdef0'),
    create: [],
    read: [{ action: 'ec2:DescribeSecurityGroups', on: () => '*' }],
    change: ['ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress', 'ec2:CreateTags'],
  },
  aws_ecr_lifecycle_policy: {
    arn: regional('ecr', (e) => `repository/${e.prefix}-genai-llm-finetuned`),
    create: [],
    read: ['ecr:GetLifecyclePolicy'],
    change: ['ecr:PutLifecyclePolicy', 'ecr:DeleteLifecyclePolicy'],
  },
  aws_ecr_repository: {
    arn: regional('ecr', (e, r) => `repository/${named(r, 'name', `${e.prefix}-r`)}`),
    create: ['ecr:CreateRepository', 'ecr:TagResource'],
    read: ['ecr:DescribeRepositories', 'ecr:ListTagsForResource'],
    change: [
      'ecr:PutImageScanningConfiguration',
      'ecr:PutImageTagMutability',
      'ecr:TagResource',
      'ecr:UntagResource',
      'ecr:DeleteRepository',
    ],
  },
  aws_ecr_repository_policy: {
    arn: regional('ecr', (e) => `repository/${e.prefix}-genai-llm-finetuned`),
    create: [],
    read: ['ecr:GetRepositoryPolicy'],
    change: ['ecr:SetRepositoryPolicy', 'ecr:DeleteRepositoryPolicy'],
  },
  aws_flow_log: {
    arn: ec2('vpc-flow-log/fl-0123456789abcdef0'),
    create: ['ec2:CreateFlowLogs'],
    read: [{ action: 'ec2:DescribeFlowLogs', on: () => '*' }],
    change: ['ec2:DeleteFlowLogs'],
  },
  aws_glue_catalog_database: {
    arn: regional('glue', (_, r) => `database/${named(r, 'name', 'genai_x')}`),
    create: [
      'glue:CreateDatabase',
      { action: 'glue:CreateDatabase', on: regional('glue', () => 'catalog') },
    ],
    read: [
      'glue:GetDatabase',
      { action: 'glue:GetDatabase', on: regional('glue', () => 'catalog') },
    ],
    change: ['glue:UpdateDatabase', 'glue:DeleteDatabase'],
  },
  aws_glue_crawler: {
    arn: regional('glue', (e, r) => `crawler/${named(r, 'name', `${e.prefix}-c`)}`),
    create: ['glue:CreateCrawler', 'glue:TagResource'],
    read: ['glue:GetCrawler', 'glue:GetTags'],
    change: ['glue:UpdateCrawler', 'glue:TagResource', 'glue:UntagResource', 'glue:DeleteCrawler'],
  },
  aws_glue_security_configuration: {
    arn: () => '*',
    create: [],
    read: ['glue:GetSecurityConfiguration'],
    // CreateSecurityConfiguration and DeleteSecurityConfiguration support only "*"; foundation
    // creates the configuration with the rest of the environment.
    change: [],
  },
  aws_iam_role: {
    arn: role,
    create: [
      {
        action: 'iam:CreateRole',
        context: { 'iam:PermissionsBoundary': 'BOUNDARY' },
      },
      'iam:TagRole',
    ],
    read: [
      'iam:GetRole',
      'iam:ListRolePolicies',
      'iam:ListAttachedRolePolicies',
      'iam:ListInstanceProfilesForRole',
    ],
    change: [
      'iam:UpdateAssumeRolePolicy',
      'iam:UpdateRole',
      'iam:TagRole',
      'iam:UntagRole',
      'iam:DeleteRole',
    ],
  },
  aws_iam_policy: {
    // The blueprint stacks' grants to the SMUS project role (ExternalRole).
    arn: (e, r) =>
      `arn:aws:iam::${e.account}:policy/${named(r, 'name', `${e.prefix}-fraud-detection-x`)}`,
    create: ['iam:CreatePolicy', 'iam:TagPolicy'],
    read: ['iam:GetPolicy', 'iam:GetPolicyVersion', 'iam:ListPolicyVersions'],
    change: [
      'iam:CreatePolicyVersion',
      'iam:DeletePolicyVersion',
      'iam:DeletePolicy',
      'iam:TagPolicy',
      'iam:UntagPolicy',
    ],
  },
  aws_iam_role_policy_attachment: {
    // The role by its literal name: the SMUS project role, which no platform name matches.
    arn: (e, r) => `arn:aws:iam::${e.account}:role/${named(r, 'role', `${e.prefix}-x`)}`,
    create: [
      {
        action: 'iam:AttachRolePolicy',
        context: { 'iam:PolicyARN': 'arn:aws:iam::<account>:policy/<prefix>-x' },
      },
    ],
    read: ['iam:ListAttachedRolePolicies'],
    change: [
      {
        action: 'iam:DetachRolePolicy',
        context: { 'iam:PolicyARN': 'arn:aws:iam::<account>:policy/<prefix>-x' },
      },
    ],
  },
  aws_iam_role_policy: {
    // Its role by reference: a role of the platform's names.
    arn: (e) => role(e, {}),
    create: [],
    read: ['iam:GetRolePolicy'],
    change: ['iam:PutRolePolicy', 'iam:DeleteRolePolicy'],
  },
  aws_kms_alias: {
    arn: regional('kms', (e, r) => named(r, 'name', `alias/${e.prefix}-platform`)),
    create: ['kms:CreateAlias'],
    read: [{ action: 'kms:ListAliases', on: () => '*' }],
    // The alias's key is named too, and it already carries the platform tag.
    change: [
      { action: 'kms:CreateAlias', on: regional('kms', () => 'key/1a2b') },
      'kms:UpdateAlias',
      { action: 'kms:UpdateAlias', on: regional('kms', () => 'key/1a2b') },
      'kms:DeleteAlias',
    ],
  },
  aws_kms_key: {
    arn: regional('kms', () => 'key/1a2b3c4d-0000-0000-0000-000000000000'),
    create: [{ action: 'kms:CreateKey', on: () => '*' }, 'kms:TagResource'],
    read: [
      'kms:DescribeKey',
      'kms:GetKeyPolicy',
      'kms:GetKeyRotationStatus',
      'kms:ListResourceTags',
    ],
    change: [
      'kms:PutKeyPolicy',
      'kms:EnableKeyRotation',
      'kms:UpdateKeyDescription',
      'kms:TagResource',
      'kms:UntagResource',
      'kms:ScheduleKeyDeletion',
    ],
  },
  aws_lakeformation_data_lake_settings: {
    arn: () => '*',
    create: ['lakeformation:PutDataLakeSettings'],
    read: ['lakeformation:GetDataLakeSettings'],
    change: ['lakeformation:PutDataLakeSettings'],
  },
  aws_lambda_function: {
    arn: regional(
      'lambda',
      (e, r) => `function:${named(r, 'function_name', `${e.prefix}-fraud-detection-fn`)}`,
    ),
    create: ['lambda:CreateFunction', 'lambda:TagResource'],
    read: [
      'lambda:GetFunction',
      'lambda:GetFunctionCodeSigningConfig',
      'lambda:GetFunctionConcurrency',
      'lambda:ListVersionsByFunction',
      'lambda:ListTags',
    ],
    change: [
      'lambda:UpdateFunctionCode',
      'lambda:UpdateFunctionConfiguration',
      'lambda:PutFunctionConcurrency',
      'lambda:DeleteFunctionConcurrency',
      'lambda:TagResource',
      'lambda:UntagResource',
      'lambda:DeleteFunction',
    ],
  },
  aws_lambda_function_event_invoke_config: {
    arn: regional(
      'lambda',
      (e, r) => `function:${named(r, 'function_name', `${e.prefix}-fraud-detection-fn`)}`,
    ),
    create: ['lambda:PutFunctionEventInvokeConfig'],
    read: ['lambda:GetFunctionEventInvokeConfig'],
    change: ['lambda:UpdateFunctionEventInvokeConfig', 'lambda:DeleteFunctionEventInvokeConfig'],
  },
  aws_lambda_permission: {
    arn: regional(
      'lambda',
      (e, r) => `function:${named(r, 'function_name', `${e.prefix}-fraud-detection-fn`)}`,
    ),
    create: [],
    read: ['lambda:GetPolicy'],
    change: ['lambda:AddPermission', 'lambda:RemovePermission'],
  },
  aws_oam_link: {
    arn: regional('oam', () => 'link/0123abcd-4b5a-6978-8a9b-0c1d2e3f4a5b'),
    create: [
      { action: 'oam:CreateLink', on: () => 'SINK' },
      'oam:TagResource',
      { action: 'cloudwatch:Link', on: () => '*' },
      { action: 'logs:Link', on: () => '*' },
      { action: 'xray:Link', on: () => '*' },
    ],
    read: ['oam:GetLink', 'oam:ListTagsForResource'],
    change: ['oam:UpdateLink', 'oam:TagResource', 'oam:UntagResource', 'oam:DeleteLink'],
  },
  // The shared-services account's sink, which every environment's link names.
  aws_oam_sink: {
    arn: sink,
    create: [{ action: 'oam:CreateSink', on: () => '*' }, 'oam:TagResource'],
    read: ['oam:GetSink', 'oam:ListTagsForResource'],
    change: ['oam:TagResource', 'oam:UntagResource', 'oam:DeleteSink'],
  },
  aws_oam_sink_policy: {
    arn: sink,
    create: [],
    read: ['oam:GetSinkPolicy'],
    change: ['oam:PutSinkPolicy'],
  },
  aws_opensearchserverless_access_policy: aossPolicy('Access'),
  aws_opensearchserverless_collection: {
    arn: collection,
    create: [
      { action: 'aoss:CreateCollection', on: () => '*' },
      { action: 'aoss:TagResource', on: () => '*' },
    ],
    read: [
      { action: 'aoss:BatchGetCollection', on: () => '*' },
      { action: 'aoss:ListTagsForResource', on: () => '*' },
    ],
    change: [
      'aoss:UpdateCollection',
      {
        action: 'aoss:TagResource',
        on: () => '*',
        context: { 'aws:RequestTag/platform': PLATFORM },
      },
      { action: 'aoss:UntagResource', on: () => '*' },
      'aoss:DeleteCollection',
    ],
  },
  aws_opensearchserverless_security_policy: aossPolicy('Security'),
  aws_opensearchserverless_vpc_endpoint: {
    arn: () => '*',
    create: [
      'aoss:CreateVpcEndpoint',
      { action: 'ec2:CreateVpcEndpoint', on: ec2('vpc-endpoint/vpce-0123'), context: viaAoss },
      { action: 'ec2:CreateTags', on: ec2('vpc-endpoint/vpce-0123'), context: viaAoss },
      { action: 'route53:CreateHostedZone', context: viaAoss },
      { action: 'route53:ListHostedZonesByVPC', context: viaAoss },
      {
        action: 'route53:AssociateVPCWithHostedZone',
        on: () => 'arn:aws:route53:::hostedzone/Z0123',
        context: viaAoss,
      },
      {
        action: 'route53:ChangeResourceRecordSets',
        on: () => 'arn:aws:route53:::hostedzone/Z0123',
        context: viaAoss,
      },
      { action: 'route53:GetChange', on: () => 'arn:aws:route53:::change/C0123', context: viaAoss },
    ],
    read: ['aoss:BatchGetVpcEndpoint'],
    change: [
      'aoss:UpdateVpcEndpoint',
      'aoss:DeleteVpcEndpoint',
      { action: 'ec2:ModifyVpcEndpoint', on: ec2('vpc-endpoint/vpce-0123'), context: viaAoss },
      { action: 'ec2:DeleteVpcEndpoints', on: ec2('vpc-endpoint/vpce-0123'), context: viaAoss },
      {
        action: 'route53:DeleteHostedZone',
        on: () => 'arn:aws:route53:::hostedzone/Z0123',
        context: viaAoss,
      },
    ],
  },
  // The SMUS domain's share with the project environments (shared-services).
  aws_ram_principal_association: ramAssociation,
  aws_ram_resource_association: ramAssociation,
  aws_ram_resource_share: {
    arn: resourceShare,
    create: [
      {
        action: 'ram:CreateResourceShare',
        on: () => '*',
        context: { 'ram:RequestedAllowsExternalPrincipals': 'false' },
      },
      'ram:TagResource',
    ],
    read: [{ action: 'ram:GetResourceShares', on: () => '*' }, 'ram:ListResourceSharePermissions'],
    change: [
      'ram:UpdateResourceShare',
      'ram:TagResource',
      'ram:UntagResource',
      'ram:DeleteResourceShare',
    ],
  },
  aws_route53_record: {
    arn: hostedZone,
    global: true,
    // Only the example's dev environment has an inference domain (dev.json).
    create: [
      {
        action: 'route53:ChangeResourceRecordSets',
        context: {
          'route53:ChangeResourceRecordSetsNormalizedRecordNames':
            '_0a1b2c.inference.fraud-detection.dev.ml.example.com',
          'route53:ChangeResourceRecordSetsRecordTypes': 'CNAME',
          'route53:ChangeResourceRecordSetsActions': 'UPSERT',
        },
      },
      { action: 'route53:GetChange', on: () => 'arn:aws:route53:::change/C0123456789ABC' },
    ],
    read: ['route53:ListResourceRecordSets', 'route53:GetHostedZone'],
    change: [],
  },
  aws_route_table: ec2Resource(
    'route-table/rtb-0123',
    'ec2:CreateRouteTable',
    'ec2:DescribeRouteTables',
    ['ec2:CreateRoute', 'ec2:ReplaceRoute', 'ec2:DeleteRoute'],
  ),
  aws_route_table_association: {
    arn: ec2('route-table/rtb-0123'),
    create: [],
    read: [{ action: 'ec2:DescribeRouteTables', on: () => '*' }],
    change: ['ec2:AssociateRouteTable', 'ec2:DisassociateRouteTable'],
  },
  aws_s3_bucket: s3Bucket({
    create: ['s3:CreateBucket', 's3:PutBucketTagging'],
    read: [
      's3:ListBucket',
      's3:GetBucketTagging',
      's3:GetBucketPolicy',
      's3:GetBucketAcl',
      's3:GetBucketCORS',
      's3:GetBucketWebsite',
      's3:GetBucketVersioning',
      's3:GetAccelerateConfiguration',
      's3:GetBucketRequestPayment',
      's3:GetBucketLogging',
      's3:GetLifecycleConfiguration',
      's3:GetReplicationConfiguration',
      's3:GetEncryptionConfiguration',
      's3:GetBucketObjectLockConfiguration',
    ],
    change: ['s3:PutBucketTagging', 's3:DeleteBucket'],
  }),
  aws_s3_bucket_lifecycle_configuration: s3Bucket({
    read: ['s3:GetLifecycleConfiguration'],
    change: ['s3:PutLifecycleConfiguration'],
  }),
  aws_s3_bucket_logging: s3Bucket({
    read: ['s3:GetBucketLogging'],
    change: ['s3:PutBucketLogging'],
  }),
  aws_s3_bucket_notification: s3Bucket({
    read: ['s3:GetBucketNotification'],
    change: ['s3:PutBucketNotification'],
  }),
  aws_s3_bucket_ownership_controls: s3Bucket({
    read: ['s3:GetBucketOwnershipControls'],
    change: ['s3:PutBucketOwnershipControls'],
  }),
  aws_s3_bucket_policy: s3Bucket({
    read: ['s3:GetBucketPolicy'],
    change: ['s3:PutBucketPolicy', 's3:DeleteBucketPolicy'],
  }),
  aws_s3_bucket_public_access_block: s3Bucket({
    read: ['s3:GetBucketPublicAccessBlock'],
    change: ['s3:PutBucketPublicAccessBlock'],
  }),
  aws_s3_bucket_server_side_encryption_configuration: s3Bucket({
    read: ['s3:GetEncryptionConfiguration'],
    change: ['s3:PutEncryptionConfiguration'],
  }),
  aws_s3_bucket_versioning: s3Bucket({
    read: ['s3:GetBucketVersioning'],
    change: ['s3:PutBucketVersioning'],
  }),
  aws_s3_object: {
    // Folder markers: keys ending in "/".
    arn: (e) => `${bucket(e)}/data/raw/`,
    create: ['s3:PutObject'],
    read: ['s3:GetObject', 's3:GetObjectTagging'],
    change: ['s3:PutObject', 's3:PutObjectTagging', 's3:DeleteObject'],
  },
  aws_sagemaker_data_quality_job_definition: {
    arn: regional(
      'sagemaker',
      (e, r) =>
        `data-quality-job-definition/${named(r, 'name', `${e.prefix}-x-realtime-dq-0123abcd`)}`,
    ),
    create: [
      'sagemaker:CreateDataQualityJobDefinition',
      'sagemaker:AddTags',
      {
        action: 'iam:PassRole',
        on: (e) => `arn:aws:iam::${e.account}:role/${e.prefix}-fraud-detection-realtime-monitor`,
        context: { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
      },
    ],
    read: ['sagemaker:DescribeDataQualityJobDefinition', 'sagemaker:ListTags'],
    change: [
      'sagemaker:AddTags',
      'sagemaker:DeleteTags',
      'sagemaker:DeleteDataQualityJobDefinition',
    ],
  },
  aws_sagemaker_endpoint: {
    arn: regional('sagemaker', (e, r) => `endpoint/${named(r, 'name', `${e.prefix}-x-realtime`)}`),
    // CreateEndpoint and UpdateEndpoint authorise on the endpoint and on its configuration.
    create: [
      'sagemaker:CreateEndpoint',
      { action: 'sagemaker:CreateEndpoint', on: endpointConfig },
      'sagemaker:AddTags',
    ],
    read: ['sagemaker:DescribeEndpoint', 'sagemaker:ListTags'],
    change: [
      'sagemaker:UpdateEndpoint',
      { action: 'sagemaker:UpdateEndpoint', on: endpointConfig },
      // Application Auto Scaling sets the variant's instance count in the caller's name.
      'sagemaker:UpdateEndpointWeightsAndCapacities',
      'sagemaker:AddTags',
      'sagemaker:DeleteTags',
      'sagemaker:DeleteEndpoint',
    ],
  },
  aws_sagemaker_endpoint_configuration: {
    arn: endpointConfig,
    create: ['sagemaker:CreateEndpointConfig', 'sagemaker:AddTags'],
    read: [
      'sagemaker:DescribeEndpointConfig',
      'sagemaker:ListTags',
      { action: 'kms:DescribeKey', on: platformKey },
    ],
    change: [
      'sagemaker:AddTags',
      'sagemaker:DeleteTags',
      'sagemaker:DeleteEndpointConfig',
      // Storage and captured data encrypted with the platform key (tagged), by SageMaker.
      {
        action: 'kms:CreateGrant',
        on: platformKey,
        context: { 'kms:GrantIsForAWSResource': 'true' },
      },
    ],
  },
  aws_sagemaker_mlflow_tracking_server: {
    arn: regional('sagemaker', (e) => `mlflow-tracking-server/${e.prefix}-fraud-detection-mlflow`),
    create: ['sagemaker:CreateMlflowTrackingServer', 'sagemaker:AddTags'],
    read: ['sagemaker:DescribeMlflowTrackingServer', 'sagemaker:ListTags'],
    change: [
      'sagemaker:UpdateMlflowTrackingServer',
      'sagemaker:AddTags',
      'sagemaker:DeleteTags',
      'sagemaker:DeleteMlflowTrackingServer',
    ],
  },
  aws_sagemaker_model: {
    arn: regional('sagemaker', (e, r) => `model/${named(r, 'name', `${e.prefix}-x-v1`)}`),
    create: ['sagemaker:CreateModel', 'sagemaker:AddTags'],
    read: [
      'sagemaker:DescribeModel',
      'sagemaker:ListTags',
      // The release's model package, which SageMaker also reads in the caller's name on create.
      {
        action: 'sagemaker:DescribeModelPackage',
        on: (e, r) =>
          named(
            (r.primary_container as Resource | undefined) ?? {},
            'model_package_name',
            `arn:aws:sagemaker:${e.region}:${e.account}:model-package/genai-llm-finetuned/1`,
          ),
      },
    ],
    change: ['sagemaker:AddTags', 'sagemaker:DeleteTags', 'sagemaker:DeleteModel'],
  },
  aws_sagemaker_model_package_group: {
    arn: regional(
      'sagemaker',
      (_, r) =>
        `model-package-group/${named(r, 'model_package_group_name', 'genai-llm-finetuned')}`,
    ),
    create: ['sagemaker:CreateModelPackageGroup', 'sagemaker:AddTags'],
    read: ['sagemaker:DescribeModelPackageGroup', 'sagemaker:ListTags'],
    change: ['sagemaker:AddTags', 'sagemaker:DeleteTags', 'sagemaker:DeleteModelPackageGroup'],
  },
  aws_sagemaker_model_package_group_policy: {
    arn: regional('sagemaker', () => 'model-package-group/genai-llm-finetuned'),
    create: [],
    read: ['sagemaker:GetModelPackageGroupPolicy'],
    change: ['sagemaker:PutModelPackageGroupPolicy', 'sagemaker:DeleteModelPackageGroupPolicy'],
  },
  aws_sagemaker_monitoring_schedule: {
    arn: regional(
      'sagemaker',
      (e, r) => `monitoring-schedule/${named(r, 'name', `${e.prefix}-x-realtime-monitor`)}`,
    ),
    create: ['sagemaker:CreateMonitoringSchedule', 'sagemaker:AddTags'],
    read: ['sagemaker:DescribeMonitoringSchedule', 'sagemaker:ListTags'],
    change: [
      'sagemaker:UpdateMonitoringSchedule',
      'sagemaker:AddTags',
      'sagemaker:DeleteTags',
      'sagemaker:DeleteMonitoringSchedule',
    ],
  },
  aws_sagemaker_pipeline: {
    arn: regional('sagemaker', (e, r) => `pipeline/${named(r, 'pipeline_name', `${e.prefix}-p`)}`),
    create: ['sagemaker:CreatePipeline', 'sagemaker:AddTags'],
    read: ['sagemaker:DescribePipeline', 'sagemaker:ListTags'],
    change: [
      'sagemaker:UpdatePipeline',
      'sagemaker:AddTags',
      'sagemaker:DeleteTags',
      'sagemaker:DeletePipeline',
    ],
  },
  aws_scheduler_schedule: {
    arn: regional(
      'scheduler',
      (e, r) =>
        `schedule/${named(r, 'group_name', 'default')}/${named(r, 'name', `${e.prefix}-s`)}`,
    ),
    create: ['scheduler:CreateSchedule'],
    read: ['scheduler:GetSchedule'],
    change: ['scheduler:UpdateSchedule', 'scheduler:DeleteSchedule'],
  },
  aws_secretsmanager_secret: {
    arn: regional(
      'secretsmanager',
      (e, r) => `secret:${named(r, 'name', `${e.prefix}-fraud-detection/agent-api`)}-AbCdEf`,
    ),
    create: ['secretsmanager:CreateSecret', 'secretsmanager:TagResource'],
    read: ['secretsmanager:DescribeSecret', 'secretsmanager:GetResourcePolicy'],
    change: [
      'secretsmanager:UpdateSecret',
      'secretsmanager:TagResource',
      'secretsmanager:UntagResource',
      'secretsmanager:DeleteSecret',
    ],
  },
  aws_secretsmanager_secret_policy: {
    arn: regional(
      'secretsmanager',
      (e, r) => `secret:${named(r, 'name', `${e.prefix}-fraud-detection/agent-api`)}-AbCdEf`,
    ),
    create: [],
    read: ['secretsmanager:GetResourcePolicy'],
    change: ['secretsmanager:PutResourcePolicy', 'secretsmanager:DeleteResourcePolicy'],
  },
  aws_security_group: ec2Resource(
    'security-group/sg-0123456789abcdef0',
    'ec2:CreateSecurityGroup',
    'ec2:DescribeSecurityGroups',
    ['ec2:RevokeSecurityGroupEgress', 'ec2:CreateTags', 'ec2:DeleteTags'],
  ),
  // Synthesized by shared-services only (the project orchestration).
  aws_sfn_state_machine: {
    arn: regional(
      'states',
      (e, r) => `stateMachine:${named(r, 'name', `${e.prefix}-project-provisioning`)}`,
    ),
    create: ['states:CreateStateMachine', 'states:TagResource'],
    read: ['states:DescribeStateMachine', 'states:ListTagsForResource'],
    change: [
      'states:UpdateStateMachine',
      'states:TagResource',
      'states:UntagResource',
      'states:DeleteStateMachine',
    ],
  },
  aws_sns_topic: {
    arn: regional('sns', (e, r) => named(r, 'name', `${e.prefix}-t`)),
    create: ['sns:CreateTopic', 'sns:TagResource'],
    read: ['sns:GetTopicAttributes', 'sns:ListTagsForResource'],
    change: ['sns:SetTopicAttributes', 'sns:TagResource', 'sns:UntagResource', 'sns:DeleteTopic'],
  },
  aws_sns_topic_policy: {
    arn: regional('sns', (e) => `${e.prefix}-alarms`),
    create: [],
    read: ['sns:GetTopicAttributes'],
    change: ['sns:SetTopicAttributes'],
  },
  aws_sns_topic_subscription: {
    arn: regional('sns', (e) => `${e.prefix}-alarms:0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e`),
    create: [{ action: 'sns:Subscribe', on: regional('sns', (e) => `${e.prefix}-alarms`) }],
    read: ['sns:GetSubscriptionAttributes'],
    change: ['sns:SetSubscriptionAttributes', 'sns:Unsubscribe'],
  },
  aws_sqs_queue: {
    arn: regional('sqs', (e, r) => named(r, 'name', `${e.prefix}-q`)),
    create: ['sqs:CreateQueue', 'sqs:TagQueue'],
    read: ['sqs:GetQueueUrl', 'sqs:GetQueueAttributes', 'sqs:ListQueueTags'],
    change: ['sqs:SetQueueAttributes', 'sqs:TagQueue', 'sqs:UntagQueue', 'sqs:DeleteQueue'],
  },
  aws_sqs_queue_policy: {
    arn: regional('sqs', (e) => `${e.prefix}-forward-approvals`),
    create: [],
    read: ['sqs:GetQueueAttributes'],
    change: ['sqs:SetQueueAttributes'],
  },
  aws_subnet: ec2Resource('subnet/subnet-0123', 'ec2:CreateSubnet', 'ec2:DescribeSubnets', [
    'ec2:ModifySubnetAttribute',
  ]),
  aws_vpc: {
    ...ec2Resource('vpc/vpc-0123', 'ec2:CreateVpc', 'ec2:DescribeVpcs', ['ec2:ModifyVpcAttribute']),
    read: [{ action: 'ec2:DescribeVpcs', on: () => '*' }, 'ec2:DescribeVpcAttribute'],
  },
  aws_vpc_endpoint: {
    arn: ec2('vpc-endpoint/vpce-0456'),
    create: ['ec2:CreateVpcEndpoint', { action: 'ec2:CreateVpcEndpoint', on: ec2('vpc/vpc-0123') }],
    read: [{ action: 'ec2:DescribeVpcEndpoints', on: () => '*' }],
    change: ['ec2:ModifyVpcEndpoint', 'ec2:DeleteVpcEndpoints'],
  },
  aws_vpc_security_group_egress_rule: ec2Rule('Egress'),
  aws_vpc_security_group_ingress_rule: ec2Rule('Ingress'),
  aws_wafv2_web_acl_association: {
    arn: regional(
      'wafv2',
      () => 'regional/webacl/genai-dev-inference/00000000-0000-4000-8000-000000000000',
    ),
    // AssociateWebACL authorises on the web ACL and on the stage; API Gateway's SetWebACL on the
    // (tagged) stage too.
    create: ['wafv2:AssociateWebACL', { action: 'wafv2:AssociateWebACL', on: apiStage }],
    read: [{ action: 'wafv2:GetWebACLForResource', on: apiStage }],
    change: [
      { action: 'apigateway:SetWebACL', on: apiStage },
      { action: 'wafv2:DisassociateWebACL', on: apiStage },
    ],
  },
};

const domain = regional('datazone', () => 'domain/dzd_exampledomain01');
const domainRole = (kind: 'execution' | 'service'): Call => ({
  action: 'iam:PassRole',
  on: (e) => `arn:aws:iam::${e.account}:role/${e.prefix}-smus-domain-${kind}`,
  context: { 'iam:PassedToService': 'datazone.amazonaws.com' },
});
/** What DataZone does in IAM Identity Center for a domain with single sign-on (IAM_IDC). */
const application = () => 'arn:aws:sso::999999999999:application/ssoins-1234567890abcdef/apl-1';
const singleSignOn = (...actions: string[]): Call[] =>
  actions.map((action) => ({
    action: `sso:${action}`,
    on: [
      'CreateManagedApplicationInstance',
      'DeleteManagedApplicationInstance',
      'ListInstances',
    ].includes(action)
      ? () => '*'
      : application,
  }));
const profileParameter = regional('ssm', () => 'parameter/datazone/x');

/**
 * What CloudFormation calls in the caller's name for each type of a template it is given
 * without a service role: the handler permissions of the type's CloudFormation registry schema
 * (`handlers.<create|read|update|delete>.permissions`), read is the read handler's. The one list
 * of them; a type without an entry fails the test.
 */
const CLOUDFORMATION_TYPE_CALLS: Readonly<Record<string, TypeCalls>> = {
  'AWS::DataZone::Domain': {
    arn: domain,
    create: [
      { action: 'datazone:CreateDomain', on: () => '*' },
      'datazone:UpdateDomain',
      'datazone:GetDomain',
      'datazone:TagResource',
      domainRole('execution'),
      domainRole('service'),
      ...singleSignOn(
        'CreateManagedApplicationInstance',
        'DeleteManagedApplicationInstance',
        'PutApplicationAssignmentConfiguration',
        'ListInstances',
        'PutApplicationAccessScope',
        'PutApplicationGrant',
        'PutApplicationAuthenticationMethod',
        'DeleteApplication',
        'CreateApplicationAssignment',
        'DeleteApplicationAssignment',
      ),
      {
        action: 'sso:CreateApplication',
        on: application,
      },
      {
        action: 'sso:CreateApplication',
        on: () => 'arn:aws:sso::aws:applicationProvider/datazone',
      },
      {
        action: 'sso:CreateApplication',
        on: () => 'arn:aws:sso:::instance/ssoins-1234567890abcdef',
      },
    ],
    read: ['datazone:GetDomain'],
    change: [
      'datazone:UpdateDomain',
      'datazone:GetDomain',
      'datazone:TagResource',
      'datazone:UntagResource',
      domainRole('execution'),
      domainRole('service'),
      'datazone:DeleteDomain',
      ...singleSignOn(
        'CreateManagedApplicationInstance',
        'DeleteManagedApplicationInstance',
        'PutApplicationAssignmentConfiguration',
        'ListInstances',
        'PutApplicationAccessScope',
        'DeleteApplication',
        'DeleteApplicationAssignment',
      ),
    ],
  },
  // No resource type in the IAM catalogue: "*".
  'AWS::DataZone::ProjectProfile': {
    arn: () => '*',
    create: [
      'datazone:CreateProjectProfile',
      'datazone:GetProjectProfile',
      { action: 'ssm:GetParameter', on: profileParameter },
    ],
    read: ['datazone:GetProjectProfile', { action: 'ssm:GetParameter', on: profileParameter }],
    change: [
      'datazone:UpdateProjectProfile',
      'datazone:GetProjectProfile',
      { action: 'ssm:GetParameter', on: profileParameter },
      'datazone:DeleteProjectProfile',
    ],
  },
  'AWS::DataZone::PolicyGrant': {
    arn: () => '*',
    create: ['datazone:AddPolicyGrant', 'datazone:ListPolicyGrants'],
    read: ['datazone:ListPolicyGrants'],
    change: ['datazone:RemovePolicyGrant', 'datazone:ListPolicyGrants'],
  },
};

/** The resource types of a stack's template that CloudFormation creates with the caller's credentials. */
function templateTypes(stack: Resource): string[] {
  if (stack.iam_role_arn !== undefined) return [];
  // Terraform references in the template's strings may hold quotes (outputs["DomainId"]).
  const body = String(stack.template_body).replace(/\$\{[^}]*\}/g, 'REFERENCE');
  const template = JSON.parse(body) as {
    Resources: Record<string, { Type: string }>;
  };
  return Object.values(template.Resources).map((resource) => resource.Type);
}

interface Policies {
  readonly identity: string[];
  readonly boundary: string;
}
interface SynthesizedStack {
  readonly name: string;
  readonly app: string;
  readonly environment: Environment;
  readonly json: { resource?: Record<string, Record<string, Resource>> };
}

/** The role's identity policies and boundary as the bootstrap stack synthesizes them. */
/** rolePolicies once per bootstrap stack and role: the same object, so decisions can be reused. */
const rolePoliciesSeen = new WeakMap<SynthesizedStack, Map<string, Policies>>();
function rolePolicies(bootstrap: SynthesizedStack, roleName: string): Policies {
  let ofStack = rolePoliciesSeen.get(bootstrap);
  if (!ofStack) rolePoliciesSeen.set(bootstrap, (ofStack = new Map()));
  let policies = ofStack.get(roleName);
  if (!policies) ofStack.set(roleName, (policies = readRolePolicies(bootstrap, roleName)));
  return policies;
}

function readRolePolicies(bootstrap: SynthesizedStack, roleName: string): Policies {
  const resources = bootstrap.json.resource ?? {};
  const stateKey = `arn:aws:kms:${bootstrap.environment.region}:${bootstrap.environment.account}:key/0b7e1b9c-state`;
  const resolved = (document: unknown) =>
    String(document).replace(/\$\{aws_kms_key\.StateKey_[A-Za-z0-9_]+\.arn\}/g, stateKey);
  const [logical] =
    Object.entries(resources.aws_iam_role ?? {}).find(([, role]) => role.name === roleName) ?? [];
  if (!logical) throw new Error(`${bootstrap.name} has no role ${roleName}`);
  const ofRole = (resource: Resource) => resource.role === `\${aws_iam_role.${logical}.name}`;
  const attached = new Set(
    Object.values(resources.aws_iam_role_policy_attachment ?? {})
      .filter(ofRole)
      .map((attachment) => attachment.policy_arn),
  );
  const policies = resources.aws_iam_policy ?? {};
  const boundary = Object.values(policies).find((policy) =>
    String(policy.name).endsWith('-permissions-boundary'),
  );
  return {
    identity: [
      ...Object.values(resources.aws_iam_role_policy ?? {}).filter(ofRole),
      ...Object.entries(policies)
        .filter(([name]) => attached.has(`\${aws_iam_policy.${name}.arn}`))
        .map(([, policy]) => policy),
    ].map((policy) => resolved(policy.policy)),
    boundary: resolved(boundary?.policy),
  };
}

const callOf = (spec: CallSpec): Call => (typeof spec === 'string' ? { action: spec } : spec);

describe('the CI roles against every resource type the platform synthesizes', () => {
  const config = loadPlatformConfiguration(join(ROOT, 'environments'));
  let stacks: SynthesizedStack[] = [];

  beforeAll(async () => {
    stacks = (await checkedInPlatform()).map(({ name, app, environment, text }) => ({
      name,
      app,
      environment: {
        name: environment.name,
        account: environment.accountId,
        region: environment.region,
        prefix: `${config.platform.name}-${environment.name}`,
      },
      json: JSON.parse(text) as { resource?: Record<string, Record<string, Resource>> },
    }));
  });

  /** Stacks a deploy role applies: every one but bootstrap's (an administrator applies them). */
  const deployed = () => stacks.filter((stack) => stack.app !== 'bootstrap');
  const bootstrapOf = (stack: SynthesizedStack) => {
    const bootstrap = stacks.find(
      (candidate) =>
        candidate.app === 'bootstrap' && candidate.environment.name === stack.environment.name,
    );
    if (!bootstrap) throw new Error(`no bootstrap stack for ${stack.environment.name}`);
    return bootstrap;
  };

  /**
   * Decisions by everything they depend on: the same call on the same ARN recurs for every
   * resource of a type in every stack of an environment, and each evaluation parses the role's
   * policies; answering repeats from here (and parsing each role's policies once) took this file
   * from 35 s to 18 s on an idle machine.
   */
  const decisions = new Map<string, ReturnType<typeof evaluateIam>>();
  const policyIds = new WeakMap<Policies, number>();
  let nextPolicyId = 0;
  const policiesId = (policies: Policies): number => {
    let id = policyIds.get(policies);
    if (id === undefined) policyIds.set(policies, (id = nextPolicyId++));
    return id;
  };

  function evaluate(
    policies: Policies,
    role: string,
    stack: SynthesizedStack,
    call: Call,
    resource: string,
    tags: 'request' | 'resource',
    global: boolean,
  ) {
    const key = JSON.stringify([
      policiesId(policies),
      stack.environment,
      role,
      call.action,
      call.context ?? null,
      resource,
      tags,
      global,
    ]);
    const known = decisions.get(key);
    if (known) return known;
    const decision = evaluateUncached(policies, role, stack, call, resource, tags, global);
    decisions.set(key, decision);
    return decision;
  }

  function evaluateUncached(
    policies: Policies,
    role: string,
    stack: SynthesizedStack,
    call: Call,
    resource: string,
    tags: 'request' | 'resource',
    global: boolean,
  ) {
    const e = stack.environment;
    const principalArn = `arn:aws:iam::${e.account}:role/${e.prefix}-${role}`;
    const boundaryArn = `arn:aws:iam::${e.account}:policy/${e.prefix}-permissions-boundary`;
    const sink = config.platform.sharedServices?.oamSinkArn ?? '';
    const context = Object.fromEntries(
      Object.entries(call.context ?? {}).map(([key, value]) => [
        key,
        value === 'BOUNDARY'
          ? boundaryArn
          : value.replace('<account>', e.account).replace('<prefix>', e.prefix),
      ]),
    );
    return evaluateIam(policies, {
      action: call.action,
      resource: resource === 'SINK' ? sink : resource,
      principalArn,
      context: {
        'aws:RequestedRegion':
          global || call.action.startsWith('route53:') ? 'us-east-1' : e.region,
        'aws:PrincipalArn': principalArn,
        [tags === 'request' ? 'aws:RequestTag/platform' : 'aws:ResourceTag/platform']: PLATFORM,
        ...context,
      },
    });
  }

  /**
   * Every (stack, type, call) the tables give, with its resource ARN: the provider's calls, and
   * CloudFormation's for the types of templates without a service role (`includeTemplates`; the
   * plan role's refresh reads the stack only).
   */
  function calls(kinds: readonly ('create' | 'read' | 'change')[], includeTemplates = true) {
    const expand = (stack: SynthesizedStack, type: string, entry: TypeCalls, resource: Resource) =>
      kinds.flatMap((kind) =>
        entry[kind].map(callOf).map((call) => ({
          stack,
          type,
          kind,
          call,
          global: entry.global ?? false,
          resource: (call.on ?? entry.arn)(stack.environment, resource),
        })),
      );
    return deployed().flatMap((stack) =>
      Object.entries(stack.json.resource ?? {}).flatMap(([type, resources]) => {
        const entry = PROVIDER_CALLS[type];
        if (!entry) return [];
        return Object.values(resources).flatMap((resource) => [
          ...expand(stack, type, entry, resource),
          ...(includeTemplates && type === 'aws_cloudformation_stack'
            ? templateTypes(resource).flatMap((cfnType) => {
                const cfn = CLOUDFORMATION_TYPE_CALLS[cfnType];
                return cfn ? expand(stack, cfnType, cfn, {}) : [];
              })
            : []),
        ]);
      }),
    );
  }

  /** The template types of the stacks created with the caller's credentials. */
  const callerTemplateTypes = () =>
    new Set(
      deployed().flatMap((stack) =>
        Object.values(stack.json.resource?.aws_cloudformation_stack ?? {}).flatMap(templateTypes),
      ),
    );

  it('has the provider calls of every resource type the deploy role applies, and no others', () => {
    const types = new Set(deployed().flatMap((stack) => Object.keys(stack.json.resource ?? {})));
    expect([...types].filter((type) => !PROVIDER_CALLS[type]).sort()).toEqual([]);
    // Entries may cover types of the shared-services stack too, ahead of its CI role.
    const synthesized = new Set(stacks.flatMap((stack) => Object.keys(stack.json.resource ?? {})));
    expect(
      Object.keys(PROVIDER_CALLS)
        .filter((type) => !synthesized.has(type))
        .sort(),
    ).toEqual([]);
    expect(types.size).toBeGreaterThanOrEqual(60);
  });

  it('has the CloudFormation calls of every type a template without a service role holds, and no others', () => {
    const types = callerTemplateTypes();
    expect([...types].filter((type) => !CLOUDFORMATION_TYPE_CALLS[type]).sort()).toEqual([]);
    expect(
      Object.keys(CLOUDFORMATION_TYPE_CALLS)
        .filter((type) => !types.has(type))
        .sort(),
    ).toEqual([]);
  });

  it('covers the shared-services stack with the deploy role of bootstrap-shared-services', () => {
    const shared = deployed().filter((stack) => stack.name === 'shared-services');
    expect(shared).toHaveLength(1);
    expect(bootstrapOf(shared[0]).name).toBe('bootstrap-shared-services');
    const checked = new Set(
      calls(['create', 'read', 'change'])
        .filter(({ stack }) => stack.name === 'shared-services')
        .map(({ type }) => type),
    );
    for (const type of [
      'aws_oam_sink',
      'aws_ram_resource_share',
      'aws_sfn_state_machine',
      'AWS::DataZone::Domain',
      'AWS::DataZone::ProjectProfile',
      'AWS::DataZone::PolicyGrant',
    ])
      expect(checked.has(type)).toBe(true);
  });

  it('lets the deploy role create, read, change, tag and delete each of them', () => {
    const refused: string[] = [];
    const checked = new Set<string>();
    for (const { stack, type, kind, call, resource, global } of calls([
      'create',
      'read',
      'change',
    ])) {
      const policies = rolePolicies(
        bootstrapOf(stack),
        `${stack.environment.prefix}-github-deploy`,
      );
      const decision = evaluate(
        policies,
        'github-deploy',
        stack,
        call,
        resource,
        kind === 'create' ? 'request' : 'resource',
        global,
      );
      checked.add(`${type} ${call.action}`);
      if (decision !== 'allow')
        refused.push(`${stack.name} ${type}: ${call.action} on ${resource} (${kind}): ${decision}`);
    }
    expect([...new Set(refused)]).toEqual([]);
    expect(checked.size).toBeGreaterThanOrEqual(300);
  });

  it('lets the plan role read each of them', () => {
    const refused: string[] = [];
    for (const { stack, type, call, resource, global } of calls(['read'], false)) {
      const policies = rolePolicies(bootstrapOf(stack), `${stack.environment.prefix}-github-plan`);
      const decision = evaluate(policies, 'github-plan', stack, call, resource, 'resource', global);
      if (decision !== 'allow')
        refused.push(`${stack.name} ${type}: ${call.action} on ${resource}: ${decision}`);
    }
    expect([...new Set(refused)]).toEqual([]);
  });

  it('fails when the plan role would change them: no create, change or tag call is allowed', () => {
    const allowed: string[] = [];
    for (const { stack, type, kind, call, resource, global } of calls(['create', 'change'])) {
      const policies = rolePolicies(bootstrapOf(stack), `${stack.environment.prefix}-github-plan`);
      const tags = kind === 'create' ? 'request' : 'resource';
      if (evaluate(policies, 'github-plan', stack, call, resource, tags, global) === 'allow')
        allowed.push(`${type}: ${call.action}`);
    }
    expect([...new Set(allowed)]).toEqual([]);
  });

  it('passes each role only to the service its trust policy names', () => {
    const refused: string[] = [];
    let passes = 0;
    for (const stack of deployed()) {
      const e = stack.environment;
      const policies = rolePolicies(bootstrapOf(stack), `${e.prefix}-github-deploy`);
      for (const role of Object.values(stack.json.resource?.aws_iam_role ?? {})) {
        const trust = JSON.parse(String(role.assume_role_policy)) as {
          Statement: { Principal?: { Service?: string | string[] } }[];
        };
        const services = trust.Statement.flatMap((statement) => statement.Principal?.Service ?? []);
        const arn = `arn:aws:iam::${e.account}:role/${String(role.name)}`;
        for (const service of services) {
          passes += 1;
          const decision = evaluate(
            policies,
            'github-deploy',
            stack,
            { action: 'iam:PassRole', context: { 'iam:PassedToService': service } },
            arn,
            'resource',
            false,
          );
          if (decision !== 'allow')
            refused.push(`${stack.name}: ${arn} to ${service}: ${decision}`);
        }
      }
    }
    expect(refused).toEqual([]);
    expect(passes).toBeGreaterThanOrEqual(15);
  });

  it.each([
    [
      'a role to EC2',
      'iam:PassRole',
      'role/genai-dev-x',
      { 'iam:PassedToService': 'ec2.amazonaws.com' },
    ],
    ['another team stack', 'cloudformation:CreateStack', 'stack/payments-x/1', {}],
    ['another team budget', 'budgets:ModifyBudget', 'budget/payments-monthly', {}],
    [
      'an untagged guardrail',
      'bedrock:CreateGuardrail',
      '*',
      { 'aws:RequestTag/platform': 'payments' },
    ],
    [
      'an EC2 endpoint outside OpenSearch Serverless, untagged',
      'ec2:CreateVpcEndpoint',
      'vpc-endpoint/vpce-1',
      { 'aws:RequestTag/platform': 'payments' },
    ],
    ['a hosted zone outside a service call', 'route53:CreateHostedZone', '*', {}],
    [
      'a link of another team',
      'oam:DeleteLink',
      'link/1',
      { 'aws:ResourceTag/platform': 'payments' },
    ],
    [
      'a REST API of another team',
      'apigateway:PATCH',
      '/restapis/a1b2c3d4e5',
      { 'aws:ResourceTag/platform': 'payments' },
    ],
    [
      'the platform tag of an API, to remove it',
      'apigateway:DELETE',
      `/tags/${encodeURIComponent('arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5')}`,
      { 'aws:TagKeys': 'platform' },
    ],
    ['a custom domain name', 'apigateway:PATCH', '/domainnames/x', {}],
    [
      'the trust of the SMUS provisioning role, which has no boundary',
      'iam:UpdateAssumeRolePolicy',
      'role/genai-dev-smus-provisioning',
      {},
    ],
  ])('fails when the deploy role would reach %s', (_, action, path, context) =>
    expectRefused('dev', action, path, context),
  );

  it.each([
    [
      'the policy of the SMUS domain execution role, which has no boundary',
      'iam:PutRolePolicy',
      'role/genai-shared-smus-domain-execution',
      {},
    ],
    [
      'a SMUS domain role passed to Lambda',
      'iam:PassRole',
      'role/genai-shared-smus-domain-service',
      { 'iam:PassedToService': 'lambda.amazonaws.com' },
    ],
    [
      'a share open to principals outside the organization',
      'ram:CreateResourceShare',
      '*',
      { 'aws:RequestTag/platform': PLATFORM, 'ram:RequestedAllowsExternalPrincipals': 'true' },
    ],
    [
      'a sink of another team',
      'oam:DeleteSink',
      'sink/1',
      { 'aws:ResourceTag/platform': 'payments' },
    ],
    [
      "the value of the orchestration's GitHub token",
      'secretsmanager:GetSecretValue',
      'secret:genai-shared-orchestration-github-token-AbCdEf',
      {},
    ],
    [
      'a CloudFormation stack other than SMUS',
      'cloudformation:CreateStack',
      'stack/genai-shared-x/1',
      {},
    ],
    [
      'an ECR repository, which the account has none of',
      'ecr:CreateRepository',
      'repository/genai-shared-r',
      {},
    ],
  ])('fails when the shared-services deploy role would reach %s', (_, action, path, context) =>
    expectRefused('shared', action, path, context),
  );

  function expectRefused(
    environment: string,
    action: string,
    path: string,
    context: Readonly<Record<string, string>>,
  ) {
    const stack = deployed().find((candidate) => candidate.environment.name === environment);
    if (!stack) throw new Error(`no ${environment} stack`);
    const e = stack.environment;
    const service = action.slice(0, action.indexOf(':'));
    const resource =
      path === '*'
        ? '*'
        : service === 'apigateway'
          ? `arn:aws:apigateway:${e.region}::${path}`
          : service === 'iam'
            ? `arn:aws:iam::${e.account}:${path}`
            : service === 'budgets'
              ? `arn:aws:budgets::${e.account}:${path}`
              : `arn:aws:${service}:${e.region}:${e.account}:${path}`;
    const principalArn = `arn:aws:iam::${e.account}:role/${e.prefix}-github-deploy`;
    const decision = evaluateIam(rolePolicies(bootstrapOf(stack), `${e.prefix}-github-deploy`), {
      action,
      resource,
      principalArn,
      context: {
        'aws:RequestedRegion':
          service === 'budgets' || service === 'route53' ? 'us-east-1' : e.region,
        'aws:PrincipalArn': principalArn,
        ...context,
      },
    });
    expect(decision).not.toBe('allow');
  }
});
