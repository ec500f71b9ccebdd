import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { permissionsBoundaryName } from '@genai-sandbox/config';
import {
  ConstructEnvironment,
  platformDefault,
  type PolicyStatement,
  renderPolicy,
} from '@genai-sandbox/core';
import { Construct } from 'constructs';
import { projectRoleArns } from './ci-permissions/permission-scope';

/** Services the platform's workloads and deploy roles use; the boundary's ceiling. */
export const PLATFORM_SERVICES = [
  'acm',
  'apigateway',
  'application-autoscaling',
  'aoss',
  'athena',
  'bedrock',
  'budgets',
  'cloudformation',
  'cloudwatch',
  'datazone',
  'ec2',
  'ecr',
  'events',
  'execute-api',
  'glue',
  'iam',
  'kms',
  'lakeformation',
  'lambda',
  'logs',
  'oam',
  'route53',
  's3',
  'sagemaker',
  'scheduler',
  'secretsmanager',
  'sns',
  'sqs',
  'states',
  'sts',
  'wafv2',
  'xray',
] as const;

/**
 * The ceiling in the shared-services account: the platform's services, AWS RAM (the SMUS domain's
 * share), IAM Identity Center (the domain's single sign-on, which DataZone sets up with the
 * deploy role's permissions) and SSM (a parameter the project profiles' handler reads).
 */
export const SHARED_SERVICES_ACCOUNT_SERVICES = [
  ...PLATFORM_SERVICES,
  'ram',
  'sso',
  'ssm',
] as const;

/** Global services whose calls carry us-east-1 or no region; the region guard must not block them. */
const GLOBAL_ACTIONS = [
  'iam:*',
  'sts:*',
  'organizations:Describe*',
  'organizations:List*',
  'support:*',
  'health:*',
  'budgets:*',
  'ce:*',
  'route53:*',
];

/** A permissions boundary as roles see it. */
export interface IPermissionsBoundary {
  readonly policyArn: string;
}

export interface PermissionsBoundaryProps {
  /** Service prefixes roles may ever use. @default PLATFORM_SERVICES */
  readonly allowedServices?: readonly string[];
  /**
   * Explicit denies every role under the boundary carries, whatever its own policies say: the
   * bootstrap app protects its identities, the Terraform state and the state key with them, so a
   * role the deploy role creates cannot do what the deploy role is denied.
   * @default - only the boundary's own protections
   */
  readonly denies?: readonly PolicyStatement[];
  /**
   * Buckets outside the platform's names (`<platform>-*`) that roles may use: the Terraform state
   * bucket, which configuration names. @default - none
   */
  readonly additionalBucketNames?: readonly string[];
  /**
   * Roles outside the platform that the stacks attach grants to (the SageMaker Unified Studio
   * project roles): the ceiling admits attaching and detaching the platform's policies on them.
   * @default - in a PlatformStack, the environment's configured project roles; elsewhere none
   */
  readonly projectRoleArns?: readonly string[];
}

/** Where the ceiling can name resources, it does; every other service is capped at its prefix. */
const SCOPED_SERVICES = ['iam', 'kms', 's3', 'sts'];
/** Actions of the scoped services that take only `"Resource": "*"` (IAM catalogue) and the platform uses. */
const UNSCOPED_ACTIONS = ['kms:CreateKey', 'kms:ListAliases', 's3:ListAllMyBuckets'];

/**
 * The managed policy every platform role carries as its permissions boundary ("Centralized
 * Permissions Boundary"). It is a ceiling, not a grant: it caps roles at the platform's services
 * and region (IAM, KMS, S3 and STS at the environment's names), and stops them from escaping it by
 * creating unbounded roles, removing or editing the boundary, or silencing audit trails. `denies`
 * adds what no role under it may ever do, whatever it is granted.
 */
export class PermissionsBoundary extends Construct implements IPermissionsBoundary {
  /**
   * The boundary of a stack's environment, created by the bootstrap app: stacks deployed after it
   * refer to it by its ARN, which the naming helper makes predictable.
   */
  static ofEnvironment(scope: Construct): IPermissionsBoundary {
    const stack = ConstructEnvironment.of(scope);
    return { policyArn: `arn:aws:iam::${stack.accountId}:policy/${boundaryPolicyName(stack)}` };
  }

  readonly policyArn: string;
  readonly policyName: string;
  readonly resource: IamPolicy;
  readonly policyStatements: readonly PolicyStatement[];

  constructor(scope: Construct, id: string, props: PermissionsBoundaryProps = {}) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    const services = props.allowedServices ?? PLATFORM_SERVICES;
    const malformed = services.filter((service) => !/^[a-z0-9-]+$/.test(service));
    if (services.length === 0 || malformed.length > 0) {
      throw new Error(
        `PermissionsBoundary ${this.node.path}: allowedServices must be IAM service prefixes such as "s3"; received ${JSON.stringify(malformed.length ? malformed : services)}.`,
      );
    }
    this.policyName = boundaryPolicyName(stack);
    // Built from the name, not the resource's arn attribute, because the policy refers to itself.
    this.policyArn = `arn:aws:iam::${stack.accountId}:policy/${this.policyName}`;
    const boundaryIs = { StringEquals: { 'iam:PermissionsBoundary': this.policyArn } };
    const boundaryIsNot = { StringNotEquals: { 'iam:PermissionsBoundary': this.policyArn } };

    const notDenies = (props.denies ?? []).filter((statement) => statement.Effect !== 'Deny');
    if (notDenies.length > 0) {
      throw new Error(
        `PermissionsBoundary ${this.node.path}: denies must hold Deny statements only; received ${JSON.stringify(notDenies.map((statement) => statement.Sid ?? statement.Effect))}. A boundary grants nothing: put grants in the roles' policies.`,
      );
    }
    const { platform, environment } = stack.naming.context;
    const prefix = `${platform}-${environment}`;
    const iamArn = (resource: string) => `arn:aws:iam::${stack.accountId}:${resource}`;
    const scoped = (service: string) => services.includes(service);
    const projectRoles =
      props.projectRoleArns ??
      platformDefault(
        this,
        'projectRoleArns',
        (platform) => projectRoleArns(platform.environment),
        [],
      );

    this.policyStatements = [
      {
        Sid: 'CeilingPlatformServices',
        Effect: 'Allow',
        Action: services
          .filter((service) => !SCOPED_SERVICES.includes(service))
          .sort()
          .map((service) => `${service}:*`),
        Resource: '*',
      },
      ...(scoped('iam')
        ? [
            {
              // This environment's roles and policies and the service-linked roles its services
              // create: no users, groups, identity providers or other environments.
              Sid: 'CeilingIamOfThisEnvironment',
              Effect: 'Allow' as const,
              Action: 'iam:*',
              Resource: [
                iamArn(`role/${prefix}-*`),
                iamArn('role/aws-service-role/*'),
                iamArn(`policy/${prefix}-*`),
              ],
            },
          ]
        : []),
      ...(scoped('iam') && projectRoles.length > 0
        ? [
            {
              // The SMUS project roles of this environment's projects, which the blueprint
              // stacks attach their grants to; nothing else of those roles.
              Sid: 'CeilingAttachToProjectRoles',
              Effect: 'Allow' as const,
              Action: [
                'iam:AttachRolePolicy',
                'iam:DetachRolePolicy',
                'iam:ListAttachedRolePolicies',
              ],
              Resource: projectRoles,
            },
          ]
        : []),
      ...(scoped('kms')
        ? [
            {
              // Keys of the region in any account: the promotion role decrypts the previous
              // account's artifacts. Aliases of this environment only.
              Sid: 'CeilingKeysOfThisRegion',
              Effect: 'Allow' as const,
              Action: 'kms:*',
              Resource: [
                `arn:aws:kms:${stack.region}:*:key/*`,
                `arn:aws:kms:${stack.region}:${stack.accountId}:alias/${prefix}-*`,
              ],
            },
          ]
        : []),
      ...(scoped('s3')
        ? [
            {
              // The platform's buckets of every environment (promotion reads the previous one's)
              // and the state bucket.
              Sid: 'CeilingPlatformBuckets',
              Effect: 'Allow' as const,
              Action: 's3:*',
              Resource: [
                `${platform}-*`,
                ...(props.additionalBucketNames ?? []).filter(
                  (bucket) => !bucket.startsWith(`${platform}-`),
                ),
              ].flatMap((bucket) => [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`]),
            },
          ]
        : []),
      ...(scoped('sts')
        ? [
            {
              // Role chaining into this environment's roles (the deploy role into the promotion role).
              Sid: 'CeilingRoleChainingInThisEnvironment',
              Effect: 'Allow' as const,
              Action: ['sts:AssumeRole', 'sts:TagSession'],
              Resource: iamArn(`role/${prefix}-*`),
            },
          ]
        : []),
      ...(UNSCOPED_ACTIONS.some((action) => scoped(action.split(':')[0]))
        ? [
            {
              Sid: 'CeilingActionsWithoutResources',
              Effect: 'Allow' as const,
              Action: UNSCOPED_ACTIONS.filter((action) => scoped(action.split(':')[0])),
              Resource: '*',
            },
          ]
        : []),
      {
        Sid: 'DenyOtherRegions',
        Effect: 'Deny',
        NotAction: GLOBAL_ACTIONS,
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': stack.region } },
      },
      {
        Sid: 'DenyPrincipalsWithoutThisBoundary',
        Effect: 'Deny',
        Action: [
          'iam:CreateRole',
          'iam:CreateUser',
          'iam:PutRolePermissionsBoundary',
          'iam:PutUserPermissionsBoundary',
        ],
        Resource: '*',
        Condition: boundaryIsNot,
      },
      {
        Sid: 'DenyBoundaryRemoval',
        Effect: 'Deny',
        Action: ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'],
        Resource: '*',
        Condition: boundaryIs,
      },
      {
        Sid: 'DenyBoundaryEdits',
        Effect: 'Deny',
        Action: [
          'iam:CreatePolicyVersion',
          'iam:DeletePolicy',
          'iam:DeletePolicyVersion',
          'iam:SetDefaultPolicyVersion',
        ],
        Resource: this.policyArn,
      },
      {
        // Belt and braces: cloudtrail is outside the default ceiling, but allowedServices may add it.
        // Flow logs and log groups are not listed: the deploy role carries this boundary and must
        // be able to destroy a dev environment.
        Sid: 'DenyAuditTampering',
        Effect: 'Deny',
        Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail'],
        Resource: '*',
      },
      ...(props.denies ?? []),
    ];

    this.resource = new IamPolicy(this, 'Resource', {
      name: this.policyName,
      description: 'Permissions boundary of every role of the GenAI sandbox platform',
      policy: renderPolicy(this.policyStatements),
    });
  }
}

/** One boundary per environment, named without the project so every stack of the account finds it. */
function boundaryPolicyName(stack: ConstructEnvironment): string {
  return permissionsBoundaryName(stack, stack.environment);
}
