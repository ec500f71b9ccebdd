import type { PolicyStatement } from '@genai-sandbox/core';
import { regionalArn, type PermissionScope } from '../permission-scope';
import { requestTagged } from './scope-conditions';

/**
 * The routes promote.yml's smoke test calls after applying their stacks (the invocable blueprints'
 * routes of InferenceApi: `POST /<route>` on stage v1).
 */
export const SMOKE_TESTED_ROUTES = ['realtime', 'serverless'] as const;

/**
 * What the inference APIs need at their edge besides API Gateway (api-gateway.ts): the hosts'
 * regional ACM certificates and their DNS records in the configured Route 53 zone (foundation,
 * only when `blueprints.inferenceDomain` is set), web ACL associations with the stages, and
 * calling the smoke-tested routes as a client does.
 */
export function deployInferenceEdgeStatements(scope: PermissionScope): PolicyStatement[] {
  const common = [...wafStatements(scope), smokeInvokeStatement(scope)];
  const zone = scope.inferenceZone;
  if (!zone) return common;
  const certificates = regionalArn(scope, 'acm', 'certificate/*');
  return [
    {
      // Only DNS-validated certificates for names under the configured zone, tagged.
      Sid: 'AcmRequestInferenceCertificates',
      Effect: 'Allow',
      Action: 'acm:RequestCertificate',
      Resource: '*',
      Condition: {
        StringEquals: { ...requestTagged(scope).StringEquals, 'acm:ValidationMethod': 'DNS' },
        'ForAllValues:StringLike': { 'acm:DomainNames': [`*.${zone.zoneName}`] },
        // ForAllValues holds for a request without the key: require it.
        Null: { 'acm:DomainNames': 'false' },
      },
    },
    {
      Sid: 'AcmTagCertificates',
      Effect: 'Allow',
      Action: 'acm:AddTagsToCertificate',
      Resource: certificates,
      Condition: requestTagged(scope),
    },
    {
      // The IAM catalogue gives ACM certificates no tag or name condition, so these cover the
      // account's certificates in the region; ACM refuses to delete a certificate a domain name
      // or load balancer still uses.
      Sid: 'AcmManageCertificates',
      Effect: 'Allow',
      Action: ['acm:DeleteCertificate', 'acm:RemoveTagsFromCertificate'],
      Resource: certificates,
    },
    {
      // Records of the configured zone only, only names under it, only the two types the
      // platform writes (the validation CNAME and the host's alias A record).
      Sid: 'Route53InferenceRecords',
      Effect: 'Allow',
      Action: 'route53:ChangeResourceRecordSets',
      Resource: `arn:aws:route53:::hostedzone/${zone.hostedZoneId}`,
      Condition: {
        'ForAllValues:StringLike': {
          'route53:ChangeResourceRecordSetsNormalizedRecordNames': [`*.${zone.zoneName}`],
        },
        'ForAllValues:StringEquals': {
          'route53:ChangeResourceRecordSetsRecordTypes': ['A', 'CNAME'],
        },
        Null: {
          'route53:ChangeResourceRecordSetsNormalizedRecordNames': 'false',
          'route53:ChangeResourceRecordSetsRecordTypes': 'false',
        },
      },
    },
    {
      // Terraform waits for each record change to be in sync; change IDs are generated.
      Sid: 'Route53InferenceRecordChanges',
      Effect: 'Allow',
      Action: 'route53:GetChange',
      Resource: 'arn:aws:route53:::change/*',
    },
    ...common,
  ];
}

/**
 * `execute-api:Invoke` on the smoke-tested routes of this account's APIs and nothing else of
 * them (API IDs are generated, so any API; only stage v1, only POST, only those paths).
 */
function smokeInvokeStatement(scope: PermissionScope): PolicyStatement {
  return {
    Sid: 'SmokeInvokeInferenceRoutes',
    Effect: 'Allow',
    Action: 'execute-api:Invoke',
    Resource: SMOKE_TESTED_ROUTES.map((route) =>
      regionalArn(scope, 'execute-api', `*/v1/POST/${route}`),
    ),
  };
}

/** Associating a regional web ACL of the account with an API stage, and removing it. */
function wafStatements(scope: PermissionScope): PolicyStatement[] {
  const stages = `arn:aws:apigateway:${scope.region}::/restapis/*/stages/*`;
  return [
    {
      // The catalogue gives web ACLs and API Gateway stages no condition for wafv2; the stage
      // side is also authorised by apigateway:SetWebACL on tagged stages (api-gateway.ts).
      Sid: 'WafAssociateWithStages',
      Effect: 'Allow',
      Action: ['wafv2:AssociateWebACL', 'wafv2:DisassociateWebACL'],
      Resource: [regionalArn(scope, 'wafv2', 'regional/webacl/*/*'), stages],
    },
  ];
}
