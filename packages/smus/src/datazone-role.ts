import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { PlatformRolePurpose } from '@genai-sandbox/config';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import {
  ConstructEnvironment,
  type PolicyStatement,
  renderPolicy,
  suppressPolicyRule,
} from '@genai-sandbox/core';
import type { IGrantable } from '@genai-sandbox/security';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';

/** The service principal that assumes every DataZoneRole, and the only one they are passed to. */
export const DATAZONE_SERVICE = 'datazone.amazonaws.com';

/** The roles SageMaker Unified Studio assumes, each as its documentation prescribes it. */
export const DATAZONE_ROLES = {
  /** AmazonSageMakerDomainExecution: calls APIs on behalf of the portal's users. */
  execution: {
    purpose: 'smus-domain-execution' satisfies PlatformRolePurpose,
    description: 'SageMaker Unified Studio calls AWS on behalf of the domain users',
    managedPolicyArn:
      'arn:aws:iam::aws:policy/service-role/SageMakerStudioDomainExecutionRolePolicy',
    actions: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetContext'],
    sessionTagKeys: 'datazone*',
  },
  /** AmazonSageMakerDomainService: domain-level actions of the service. */
  service: {
    purpose: 'smus-domain-service' satisfies PlatformRolePurpose,
    description: 'SageMaker Unified Studio domain-level actions',
    managedPolicyArn: 'arn:aws:iam::aws:policy/service-role/SageMakerStudioDomainServiceRolePolicy',
    actions: ['sts:AssumeRole'],
    sessionTagKeys: undefined,
  },
  /**
   * AmazonSageMakerProvisioning: deploys the resources of the managed blueprints in an account
   * associated with the domain, for the domain's account (aws:SourceAccount).
   */
  provisioning: {
    purpose: 'smus-provisioning' satisfies PlatformRolePurpose,
    description: 'SageMaker Unified Studio provisions the managed blueprints of projects',
    managedPolicyArn:
      'arn:aws:iam::aws:policy/service-role/SageMakerStudioProjectProvisioningRolePolicy',
    actions: ['sts:AssumeRole'],
    sessionTagKeys: undefined,
  },
} as const;

export type DataZoneRoleKind = keyof typeof DATAZONE_ROLES;

/** Sid of the trust statement. */
export const DATAZONE_TRUST_SID = 'DataZoneForTheDomainAccount';

/**
 * A role DataZone (SageMaker Unified Studio) assumes for this account only, with the AWS managed
 * policy and trust its documentation gives, and an inline policy that grants add to (the domain
 * key). It carries no permissions boundary: the platform boundary's ceiling would cut what the
 * managed policy lets the service do (IAM Identity Center, AWS RAM, the roles and buckets it
 * names itself). So only the bootstrap stacks create these roles, applied by an administrator;
 * the deploy roles may create bounded roles only, and the boundary denies them any change to
 * these (boundaryProtections).
 */
export class DataZoneRole extends Construct implements IGrantable {
  /**
   * The ARN of the role of `kind` in the stack's account, by its predictable name: another stack
   * (bootstrap) creates the role, and plans read no AWS data.
   */
  static arnOf(scope: Construct, kind: DataZoneRoleKind): string {
    const stack = ConstructEnvironment.of(scope);
    return `arn:aws:iam::${stack.accountId}:role/${stack.naming.name('iam-role', DATAZONE_ROLES[kind].purpose)}`;
  }

  readonly roleArn: string;
  readonly roleName: string;
  readonly resource: IamRole;
  /** The inline policy grants add to; a provisioning role has none. */
  readonly policy?: IamRolePolicy;
  readonly managedPolicy: IamRolePolicyAttachment;
  readonly trustStatements: readonly PolicyStatement[];
  private readonly collected: PolicyStatement[] = [];

  /**
   * @param sourceAccountId the account DataZone acts for: the domain's.
   *   @default - this stack's account, the domain's own
   */
  constructor(scope: Construct, id: string, kind: DataZoneRoleKind, sourceAccountId?: string) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    const spec = DATAZONE_ROLES[kind];
    this.trustStatements = [
      {
        Sid: DATAZONE_TRUST_SID,
        Effect: 'Allow',
        Principal: { Service: DATAZONE_SERVICE },
        Action: spec.actions.length === 1 ? spec.actions[0] : [...spec.actions],
        Condition: {
          StringEquals: { 'aws:SourceAccount': sourceAccountId ?? stack.accountId },
          ...(spec.sessionTagKeys
            ? { 'ForAllValues:StringLike': { 'aws:TagKeys': spec.sessionTagKeys } }
            : {}),
        },
      },
    ];
    this.roleName = stack.naming.name('iam-role', spec.purpose);
    this.resource = new IamRole(this, 'Resource', {
      name: this.roleName,
      description: spec.description,
      assumeRolePolicy: renderPolicy(this.trustStatements),
    });
    this.roleArn = this.resource.arn;
    suppressPolicyRule(
      this.resource,
      'iam-role-permissions-boundary',
      'SageMaker Unified Studio needs its AWS managed role policy whole (IAM Identity Center, AWS RAM, the roles and buckets it names datazone-*/amazon-sagemaker-*); the platform boundary caps IAM and S3 at the platform names and would cut it. Administrators apply these roles (the bootstrap stacks), never the deploy role, which may create bounded roles only and which the boundary denies any change to them; the trust admits only DataZone acting for the domain account.',
    );
    if (spec.sessionTagKeys) {
      suppressPolicyRule(
        this.resource,
        'iam-condition-multi-valued-keys',
        'The trust is the one the SageMaker Unified Studio documentation prescribes: session tags, when DataZone sets any, must start with "datazone"; a Null guard would refuse its calls without tags.',
      );
    }
    this.managedPolicy = new IamRolePolicyAttachment(this, 'ManagedPolicy', {
      role: this.resource.name,
      policyArn: spec.managedPolicyArn,
    });
    // The managed policy is the whole grant of a provisioning role; the domain's roles also
    // need the domain key, which grants add to their inline policy.
    if (kind !== 'provisioning') {
      this.policy = new IamRolePolicy(this, 'Policy', {
        name: spec.purpose,
        role: this.resource.name,
        policy: Lazy.stringValue({ produce: () => renderPolicy(this.collected) }),
      });
      this.node.addValidation({
        validate: () =>
          this.collected.length === 0
            ? [`DataZoneRole ${this.node.path} has no statements; grant it the domain key`]
            : [],
      });
    }
  }

  /** Adds a statement once; an identical one is not repeated. */
  addToPolicy(statement: PolicyStatement): boolean {
    if (!this.policy)
      throw new Error(
        `DataZoneRole ${this.node.path}: a provisioning role holds only its managed policy; grant nothing to it`,
      );
    const text = JSON.stringify(statement);
    if (this.collected.some((existing) => JSON.stringify(existing) === text)) return false;
    this.collected.push(statement);
    return true;
  }

  get policyStatements(): readonly PolicyStatement[] {
    return [...this.collected];
  }
}
