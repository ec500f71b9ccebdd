import type { PolicyStatement } from '@genai-sandbox/core';
import { regionalArn, type PermissionScope } from '../permission-scope';
import { cloudFormationStacksStatement } from './cloudformation-stacks';
import { requestTagged, resourceTagged } from './scope-conditions';

/** Requests OpenSearch Serverless makes in the caller's name (forward access sessions). */
const viaAwsService = { Bool: { 'aws:ViaAWSService': 'true' } };

/**
 * The genai-bedrock blueprint: Bedrock knowledge bases, data sources, agents, aliases, guardrail
 * versions and application inference profiles, the OpenSearch Serverless vector store, and the
 * CloudFormation stack that creates its index. One managed policy. Creating a guardrail is in
 * guardrailCreateStatements: it needs `"Resource": "*"` for an action the catalogue gives
 * resource types.
 */
export function deployGenaiStatements(scope: PermissionScope): PolicyStatement[] {
  const bedrock = regionalArn(scope, 'bedrock', '*');
  const ec2 = (resource: string) => regionalArn(scope, 'ec2', resource);
  return [
    {
      // Knowledge bases and agents get generated IDs and support only "*" when created.
      Sid: 'BedrockCreateTagged',
      Effect: 'Allow',
      Action: ['bedrock:CreateAgent', 'bedrock:CreateKnowledgeBase'],
      Resource: '*',
      Condition: requestTagged(scope),
    },
    {
      // Tags sent with a create need TagResource on the new resource, whose ID is not known yet.
      // An application inference profile authorises on itself and on the model it copies.
      Sid: 'BedrockTagOnCreate',
      Effect: 'Allow',
      Action: ['bedrock:CreateInferenceProfile', 'bedrock:TagResource'],
      Resource: [bedrock, `arn:aws:bedrock:${scope.region}::foundation-model/*`],
      Condition: requestTagged(scope),
    },
    {
      Sid: 'BedrockManageTagged',
      Effect: 'Allow',
      Action: [
        'bedrock:AssociateAgentKnowledgeBase',
        'bedrock:CreateAgentActionGroup',
        'bedrock:CreateAgentAlias',
        'bedrock:CreateDataSource',
        'bedrock:CreateGuardrailVersion',
        'bedrock:Delete*',
        'bedrock:DisassociateAgentKnowledgeBase',
        'bedrock:PrepareAgent',
        'bedrock:TagResource',
        'bedrock:UntagResource',
        'bedrock:Update*',
      ],
      Resource: bedrock,
      Condition: resourceTagged(scope),
    },
    {
      // The evaluation gate of a GenAI settings promotion (platform evaluate-genai) sends its
      // prompts through the platform's deployed guardrails; no model is invoked.
      Sid: 'BedrockEvaluateGuardrails',
      Effect: 'Allow',
      Action: ['bedrock:ApplyGuardrail'],
      Resource: regionalArn(scope, 'bedrock', 'guardrail/*'),
      Condition: resourceTagged(scope),
    },
    {
      // ... and its agent prompts to the platform's deployed agent aliases. The agent calls its
      // model with its own service role, so the caller needs nothing beyond InvokeAgent.
      Sid: 'BedrockEvaluateAgents',
      Effect: 'Allow',
      Action: ['bedrock:InvokeAgent'],
      Resource: regionalArn(scope, 'bedrock', 'agent-alias/*'),
      Condition: resourceTagged(scope),
    },
    {
      Sid: 'BedrockInvocationLogging',
      Effect: 'Allow',
      Action: [
        'bedrock:DeleteModelInvocationLoggingConfiguration',
        'bedrock:PutModelInvocationLoggingConfiguration',
      ],
      Resource: '*',
    },
    {
      // Collections: created tagged ("*" only), then changed by ID.
      Sid: 'OpenSearchServerlessCreate',
      Effect: 'Allow',
      Action: ['aoss:CreateCollection', 'aoss:TagResource'],
      Resource: '*',
      Condition: requestTagged(scope),
    },
    {
      Sid: 'OpenSearchServerlessCollections',
      Effect: 'Allow',
      Action: ['aoss:DeleteCollection', 'aoss:UpdateCollection'],
      Resource: regionalArn(scope, 'aoss', 'collection/*'),
    },
    {
      // Security and access policies have no ARN; aoss:collection names the collections they cover.
      Sid: 'OpenSearchServerlessPolicies',
      Effect: 'Allow',
      Action: [
        'aoss:CreateAccessPolicy',
        'aoss:CreateSecurityPolicy',
        'aoss:DeleteAccessPolicy',
        'aoss:DeleteSecurityPolicy',
        'aoss:UpdateAccessPolicy',
        'aoss:UpdateSecurityPolicy',
      ],
      Resource: '*',
      Condition: { StringLike: { 'aoss:collection': `${scope.prefix}-*` } },
    },
    {
      // VPC endpoints and UntagResource support only "*" and no condition key in the catalogue.
      Sid: 'OpenSearchServerlessEndpoints',
      Effect: 'Allow',
      Action: [
        'aoss:CreateVpcEndpoint',
        'aoss:DeleteVpcEndpoint',
        'aoss:UntagResource',
        'aoss:UpdateVpcEndpoint',
      ],
      Resource: '*',
    },
    {
      // An OpenSearch Serverless endpoint is an EC2 endpoint and a private hosted zone that the
      // service creates with the caller's permissions (OpenSearch Service developer guide,
      // "Access Amazon OpenSearch Serverless using an interface endpoint"), untagged: only through
      // an AWS service. Naming the platform's VPC, subnets and groups as parents needs their tag
      // (Ec2ManageTagged).
      Sid: 'OpenSearchServerlessEndpointNetwork',
      Effect: 'Allow',
      Action: [
        'ec2:CreateTags',
        'ec2:CreateVpcEndpoint',
        'ec2:DeleteVpcEndpoints',
        'ec2:ModifyVpcEndpoint',
      ],
      Resource: ec2('vpc-endpoint/*'),
      Condition: viaAwsService,
    },
    {
      Sid: 'OpenSearchServerlessEndpointZones',
      Effect: 'Allow',
      Action: [
        'route53:AssociateVPCWithHostedZone',
        'route53:ChangeResourceRecordSets',
        'route53:DeleteHostedZone',
        'route53:DisassociateVPCFromHostedZone',
        'route53:GetChange',
        'route53:GetHostedZone',
        'route53:ListResourceRecordSets',
      ],
      Resource: ['arn:aws:route53:::hostedzone/*', 'arn:aws:route53:::change/*'],
      Condition: viaAwsService,
    },
    {
      Sid: 'OpenSearchServerlessEndpointZoneCreate',
      Effect: 'Allow',
      Action: [
        'route53:CreateHostedZone',
        'route53:ListHostedZonesByName',
        'route53:ListHostedZonesByVPC',
      ],
      Resource: '*',
      Condition: viaAwsService,
    },
    // The vector index's stack; its resources are created by the role the stack is given.
    cloudFormationStacksStatement(scope, 'CloudFormationStacks', `${scope.prefix}-*`),
  ];
}

/**
 * bedrock:CreateGuardrail: the catalogue lists only optional resource types (a cross-Region
 * guardrail profile, an automated reasoning policy), which the platform's guardrails do not
 * name, so IAM authorises the call on "*". Its own policy, so the policy gate's exemption for it
 * covers this statement alone; the tag condition is what scopes it.
 */
export function guardrailCreateStatements(scope: PermissionScope): PolicyStatement[] {
  return [
    {
      Sid: 'BedrockGuardrailCreateTagged',
      Effect: 'Allow',
      Action: 'bedrock:CreateGuardrail',
      Resource: '*',
      Condition: requestTagged(scope),
    },
  ];
}
