import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import {
  PlatformStack,
  type PolicyStatement,
  renderPolicy,
  suppressPolicyRule,
} from '@genai-sandbox/core';
import type { IGrantable } from '@genai-sandbox/security';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';

/** The roles SageMaker Unified Studio assumes, each as its documentation prescribes it. */
export const DATAZONE_ROLES = {
  /** AmazonSageMakerDomainExecution: calls APIs on behalf of the portal's users. */
  execution: {
    purpose: 'smus-domain-execution',
    description: 'SageMaker Unified Studio calls AWS on behalf of the domain users',
    managedPolicyArn:
      'arn:aws:iam::aws:policy/service-role/SageMakerStudioDomainExecutionRolePolicy',
    actions: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetContext'],
    sessionTagKeys: 'datazone*',
  },
  /** AmazonSageMakerDomainService: domain-level actions of the service. */
  service: {
    purpose: 'smus-domain-service',
    description: 'SageMaker Unified Studio domain-level actions',
    managedPolicyArn: 'arn:aws:iam::aws:policy/service-role/SageMakerStudioDomainServiceRolePolicy',
    actions: ['sts:AssumeRole'],
    sessionTagKeys: undefined,
  },
} as const;

export type DataZoneRoleKind = keyof typeof DATAZONE_ROLES;

/** Sid of the trust statement. */
export const DATAZONE_TRUST_SID = 'DataZoneOfThisAccount';

/**
 * A role DataZone (SageMaker Unified Studio) assumes for this account only, with the AWS managed
 * policy and trust its documentation gives, and an inline policy that grants add to (the domain
 * key). It carries no permissions boundary: the shared-services account has none (bootstrap does
 * not cover it yet), and the platform boundary's ceiling would cut the managed policy's IAM
 * Identity Center and AWS RAM calls the domain needs.
 */
export class DataZoneRole extends Construct implements IGrantable {
  readonly roleArn: string;
  readonly roleName: string;
  readonly resource: IamRole;
  readonly policy: IamRolePolicy;
  readonly managedPolicy: IamRolePolicyAttachment;
  readonly trustStatements: readonly PolicyStatement[];
  private readonly collected: PolicyStatement[] = [];

  constructor(scope: Construct, id: string, kind: DataZoneRoleKind) {
    super(scope, id);
    const stack = PlatformStack.of(this);
    const spec = DATAZONE_ROLES[kind];
    this.trustStatements = [
      {
        Sid: DATAZONE_TRUST_SID,
        Effect: 'Allow',
        Principal: { Service: 'datazone.amazonaws.com' },
        Action: spec.actions.length === 1 ? spec.actions[0] : [...spec.actions],
        Condition: {
          StringEquals: { 'aws:SourceAccount': stack.accountId },
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
      'SageMaker Unified Studio needs its AWS managed role policy whole (IAM Identity Center, AWS RAM, DataZone); the platform boundary would cut it, and the shared-services account has no boundary yet. The trust admits only DataZone acting for this account.',
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

  /** Adds a statement once; an identical one is not repeated. */
  addToPolicy(statement: PolicyStatement): boolean {
    const text = JSON.stringify(statement);
    if (this.collected.some((existing) => JSON.stringify(existing) === text)) return false;
    this.collected.push(statement);
    return true;
  }

  get policyStatements(): readonly PolicyStatement[] {
    return [...this.collected];
  }
}
