import type { PolicyStatement } from '@genai-sandbox/core';
import { iamArn, regionalArn, type PermissionScope } from '../permission-scope';
import { requestTagged, resourceTagged } from './scope-conditions';

/** The only scalable targets the platform registers: instance counts of SageMaker endpoint variants. */
const endpointVariants = {
  'application-autoscaling:service-namespace': 'sagemaker',
  'application-autoscaling:scalable-dimension': 'sagemaker:variant:DesiredInstanceCount',
};

/**
 * The ML blueprints' services: SageMaker, Glue, Athena, Lake Formation and application auto
 * scaling. One managed policy, with the inference APIs' API Gateway statements (api-gateway.ts);
 * Bedrock and OpenSearch Serverless are in genai.ts.
 */
export function deployMlStatements(scope: PermissionScope): PolicyStatement[] {
  const named = (service: string, ...resources: string[]) =>
    resources.map((resource) => regionalArn(scope, service, resource));
  const glueDatabases = `${scope.prefix.replace(/-/g, '_')}_*`;
  return [
    {
      // Endpoints, models, pipelines, MLflow servers, ... named `<prefix>-*`, and the platform's
      // model package groups (named by configuration). Not model packages themselves: approving
      // one starts a promotion, which is a reviewer's decision, not a deployment's.
      Sid: 'SageMaker',
      Effect: 'Allow',
      Action: [
        'sagemaker:AddTags',
        'sagemaker:Create*',
        'sagemaker:Delete*',
        'sagemaker:PutModelPackageGroupPolicy',
        'sagemaker:Update*',
      ],
      Resource: named(
        'sagemaker',
        `*/${scope.prefix}-*`,
        ...scope.modelPackageGroups.map((group) => `model-package-group/${group}`),
      ),
    },
    {
      // The root catalog is named in every database call next to the database itself.
      Sid: 'Glue',
      Effect: 'Allow',
      Action: [
        'glue:Create*',
        'glue:Delete*',
        'glue:TagResource',
        'glue:UntagResource',
        'glue:Update*',
      ],
      Resource: named(
        'glue',
        'catalog',
        `database/${glueDatabases}`,
        `table/${glueDatabases}/*`,
        `crawler/${scope.prefix}-*`,
        `dataQualityRuleset/${scope.prefix}-*`,
        `job/${scope.prefix}-*`,
      ),
    },
    {
      Sid: 'Athena',
      Effect: 'Allow',
      Action: [
        'athena:CreateWorkGroup',
        'athena:DeleteWorkGroup',
        'athena:TagResource',
        'athena:UntagResource',
        'athena:UpdateWorkGroup',
      ],
      Resource: named('athena', `workgroup/${scope.prefix}-*`),
    },
    {
      // Lake Formation authorises grants itself (the caller must be a data lake administrator or
      // hold the permission grantable); IAM offers only "*". PutDataLakeSettings: the foundation
      // stack keeps the deploy role an administrator (and the configured others).
      Sid: 'LakeFormationGrants',
      Effect: 'Allow',
      Action: [
        'lakeformation:BatchGrantPermissions',
        'lakeformation:BatchRevokePermissions',
        'lakeformation:DeregisterResource',
        'lakeformation:GrantPermissions',
        'lakeformation:PutDataLakeSettings',
        'lakeformation:RegisterResource',
        'lakeformation:RevokePermissions',
      ],
      Resource: '*',
    },
    {
      // Only SageMaker endpoint variants scale. Scalable targets get generated IDs and no
      // condition key names the endpoint: registered with the platform tag, changed by it.
      Sid: 'EndpointAutoScalingCreate',
      Effect: 'Allow',
      Action: 'application-autoscaling:RegisterScalableTarget',
      Resource: regionalArn(scope, 'application-autoscaling', 'scalable-target/*'),
      Condition: { StringEquals: { ...requestTagged(scope).StringEquals, ...endpointVariants } },
    },
    {
      Sid: 'EndpointAutoScaling',
      Effect: 'Allow',
      Action: [
        'application-autoscaling:DeleteScalingPolicy',
        'application-autoscaling:DeregisterScalableTarget',
        'application-autoscaling:PutScalingPolicy',
        'application-autoscaling:RegisterScalableTarget',
      ],
      Resource: regionalArn(scope, 'application-autoscaling', 'scalable-target/*'),
      Condition: { StringEquals: { ...resourceTagged(scope).StringEquals, ...endpointVariants } },
    },
    {
      Sid: 'EndpointAutoScalingTagOnCreate',
      Effect: 'Allow',
      Action: 'application-autoscaling:TagResource',
      Resource: regionalArn(scope, 'application-autoscaling', 'scalable-target/*'),
      Condition: requestTagged(scope),
    },
    {
      Sid: 'EndpointAutoScalingTags',
      Effect: 'Allow',
      Action: ['application-autoscaling:TagResource', 'application-autoscaling:UntagResource'],
      Resource: regionalArn(scope, 'application-autoscaling', 'scalable-target/*'),
      Condition: resourceTagged(scope),
    },
    {
      // Target tracking creates, reads and deletes its alarms with the caller's permissions
      // (Application Auto Scaling user guide, "Identity-based policy examples"); it names them
      // TargetTracking-<resource ID>-..., the resource ID being endpoint/<name>/variant/<variant>.
      Sid: 'EndpointTargetTrackingAlarms',
      Effect: 'Allow',
      Action: ['cloudwatch:DeleteAlarms', 'cloudwatch:DescribeAlarms', 'cloudwatch:PutMetricAlarm'],
      Resource: regionalArn(scope, 'cloudwatch', `alarm:TargetTracking-endpoint/${scope.prefix}-*`),
    },
  ];
}

/**
 * SageMaker Unified Studio's managed blueprints in this account (foundation, where the domain's
 * projects deploy): the blueprint configuration actions have no resource type in IAM, so they
 * take "*" in a policy of their own; the provisioning role (bootstrap) goes to DataZone alone.
 */
export function smusBlueprintStatements(scope: PermissionScope): PolicyStatement[] {
  return [
    {
      Sid: 'SmusBlueprintConfigurations',
      Effect: 'Allow',
      Action: [
        'datazone:DeleteEnvironmentBlueprintConfiguration',
        'datazone:GetEnvironmentBlueprintConfiguration',
        'datazone:PutEnvironmentBlueprintConfiguration',
      ],
      Resource: '*',
    },
    {
      Sid: 'SmusPassProvisioningRole',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: iamArn(scope, `role/${scope.prefix}-smus-provisioning`),
      Condition: { StringEquals: { 'iam:PassedToService': 'datazone.amazonaws.com' } },
    },
  ];
}
