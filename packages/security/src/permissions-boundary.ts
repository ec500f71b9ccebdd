import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { permissionsBoundaryName } from '@genai-sandbox/config';
import { PlatformStack, type PolicyStatement, renderPolicy } from '@genai-sandbox/core';
import { Construct } from 'constructs';

/** Services the platform's workloads and deploy roles use; the boundary's ceiling. */
export const PLATFORM_SERVICES = [
  'application-autoscaling',
  'aoss',
  'athena',
  'bedrock',
  'cloudwatch',
  'datazone',
  'ec2',
  'ecr',
  'events',
  'glue',
  'iam',
  'kms',
  'lakeformation',
  'lambda',
  'logs',
  's3',
  'sagemaker',
  'secretsmanager',
  'sns',
  'sqs',
  'states',
  'sts',
  'xray',
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
];

/** A permissions boundary as roles see it. */
export interface IPermissionsBoundary {
  readonly policyArn: string;
}

export interface PermissionsBoundaryProps {
  /** Service prefixes roles may ever use. @default PLATFORM_SERVICES */
  readonly allowedServices?: readonly string[];
}

/**
 * The managed policy every platform role carries as its permissions boundary (seed 000,
 * "Centralized Permissions Boundary"). It is a ceiling, not a grant: it caps roles at the
 * platform's services and region, and stops them from escaping it by creating unbounded roles,
 * removing or editing the boundary, or silencing audit trails.
 */
export class PermissionsBoundary extends Construct implements IPermissionsBoundary {
  /**
   * The boundary of a stack's environment, created by the bootstrap app: stacks deployed after it
   * refer to it by its ARN, which the naming helper makes predictable.
   */
  static ofEnvironment(scope: Construct): IPermissionsBoundary {
    const stack = PlatformStack.of(scope);
    return { policyArn: `arn:aws:iam::${stack.accountId}:policy/${boundaryPolicyName(stack)}` };
  }

  readonly policyArn: string;
  readonly policyName: string;
  readonly resource: IamPolicy;
  readonly policyStatements: readonly PolicyStatement[];

  constructor(scope: Construct, id: string, props: PermissionsBoundaryProps = {}) {
    super(scope, id);
    const stack = PlatformStack.of(this);
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

    this.policyStatements = [
      {
        Sid: 'CeilingPlatformServices',
        Effect: 'Allow',
        Action: [...services].sort().map((service) => `${service}:*`),
        Resource: '*',
      },
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
    ];

    this.resource = new IamPolicy(this, 'Resource', {
      name: this.policyName,
      description: 'Permissions boundary of every role of the GenAI sandbox platform',
      policy: renderPolicy(this.policyStatements),
    });
  }
}

/** One boundary per environment, named without the project so every stack of the account finds it. */
function boundaryPolicyName(stack: PlatformStack): string {
  return permissionsBoundaryName(stack.config, stack.environment);
}
