import type { PolicyStatement } from '@genai-sandbox/core';
import type { PermissionScope } from '../permission-scope';
import { requestTagged, resourceTagged } from './scope-conditions';

/**
 * API Gateway REST APIs of the inference blueprints, and the account's API Gateway settings that
 * foundation manages. IAM authorises API Gateway by HTTP verb on resource paths
 * (`arn:aws:apigateway:<region>::/restapis/<id>/...`); REST API and usage plan IDs are generated,
 * so these are scoped by the platform tag: a REST API's methods, integrations, resources, models,
 * validators, deployments and stages inherit its tags for attribute-based access control (API
 * Gateway developer guide, "API Gateway resources that can be tagged"). Part of the ML policy.
 */
export function deployApiGatewayStatements(scope: PermissionScope): PolicyStatement[] {
  // API Gateway ARNs carry no account: IAM applies them to the caller's account.
  const path = (resource: string) => `arn:aws:apigateway:${scope.region}::${resource}`;
  return [
    {
      // Creating a REST API or a usage plan: only with the platform tag (default_tags).
      Sid: 'ApiGatewayCreateTagged',
      Effect: 'Allow',
      Action: 'apigateway:POST',
      Resource: [path('/restapis'), path('/usageplans'), path('/domainnames')],
      Condition: requestTagged(scope),
    },
    {
      // The platform's REST APIs and everything under them (inherited tag), its usage plans, and
      // the inference hosts' domain names with their base path mappings (inherited tag).
      Sid: 'ApiGatewayManageTagged',
      Effect: 'Allow',
      Action: ['apigateway:DELETE', 'apigateway:PATCH', 'apigateway:POST', 'apigateway:PUT'],
      Resource: [path('/restapis/*'), path('/usageplans/*'), path('/domainnames/*')],
      Condition: resourceTagged(scope),
    },
    {
      // Associating a web ACL with a stage authorises on the stage too (inherited tag).
      Sid: 'ApiGatewayStageWebAcl',
      Effect: 'Allow',
      Action: 'apigateway:SetWebACL',
      Resource: path('/restapis/*/stages/*'),
      Condition: resourceTagged(scope),
    },
    {
      // Tag changes go to /tags/<resource ARN>, which the catalogue gives no resource tag key:
      // only the platform tag may be set, and any tag but the platform tag removed.
      Sid: 'ApiGatewayTags',
      Effect: 'Allow',
      Action: 'apigateway:PUT',
      Resource: path('/tags/*'),
      Condition: requestTagged(scope),
    },
    {
      Sid: 'ApiGatewayUntag',
      Effect: 'Allow',
      Action: 'apigateway:DELETE',
      Resource: path('/tags/*'),
      Condition: {
        'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['platform'] },
        Null: { 'aws:TagKeys': 'false' },
      },
    },
    {
      // The account's CloudWatch logging role (aws_api_gateway_account): one setting per account
      // and region, without tags.
      Sid: 'ApiGatewayAccountSettings',
      Effect: 'Allow',
      Action: 'apigateway:PATCH',
      Resource: path('/account'),
    },
  ];
}
