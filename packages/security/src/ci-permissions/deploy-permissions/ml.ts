import type { PolicyStatement } from '@genai-sandbox/core';
import { regionalArn, type PermissionScope } from '../permission-scope';

/**
 * The ML blueprints' services: SageMaker, Glue, Athena, Lake Formation and application auto
 * scaling. One managed policy; Bedrock and OpenSearch Serverless are in genai.ts.
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
      // Only SageMaker endpoints scale; scalable targets have generated IDs.
      Sid: 'EndpointAutoScaling',
      Effect: 'Allow',
      Action: [
        'application-autoscaling:DeleteScalingPolicy',
        'application-autoscaling:DeregisterScalableTarget',
        'application-autoscaling:PutScalingPolicy',
        'application-autoscaling:RegisterScalableTarget',
        'application-autoscaling:TagResource',
      ],
      Resource: named('application-autoscaling', 'scalable-target/*'),
      Condition: { StringEquals: { 'application-autoscaling:service-namespace': 'sagemaker' } },
    },
  ];
}
