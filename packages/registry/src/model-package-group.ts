import { SagemakerModelPackageGroup } from '@cdktf/provider-aws/lib/sagemaker-model-package-group';
import { SagemakerModelPackageGroupPolicy } from '@cdktf/provider-aws/lib/sagemaker-model-package-group-policy';
import { modelPackageGroupArn, modelPackagesArn } from '@genai-sandbox/config';
import {
  checkName,
  ConstructEnvironment,
  type PolicyStatement,
  PropProblems,
  renderPolicy,
} from '@genai-sandbox/core';
import { addStatements, type IGrantable } from '@genai-sandbox/security';
import { Construct } from 'constructs';
import {
  type DownstreamReaders,
  downstreamCondition,
  downstreamPrincipal,
  downstreamProblems,
} from './downstream';
import {
  MODEL_PACKAGE_GROUP_READ_ACTIONS,
  MODEL_PACKAGE_GROUP_REGISTER_ACTIONS,
  MODEL_PACKAGE_READ_ACTIONS,
  MODEL_PACKAGE_REGISTER_ACTIONS,
} from './perms';

export interface ModelPackageGroupProps {
  /** The group name from platform.json: the same in every environment, so lineage reads the same. */
  readonly groupName: string;
  /** What the group holds, shown in SageMaker Studio. */
  readonly description: string;
  /** The next environment, allowed to describe and list the packages and create models from them. @default - no cross-account access */
  readonly downstream?: DownstreamReaders;
}

/** A model package group of this account, owned by this stack or named by ModelPackageGroup.fromName. */
export interface IModelPackageGroup {
  readonly groupName: string;
  /** `arn:aws:sagemaker:<region>:<account>:model-package-group/<name>`. */
  readonly groupArn: string;
  /** `arn:aws:sagemaker:<region>:<account>:model-package/<name>/*`: the versions of the group. */
  readonly packagesArn: string;
  /**
   * Lets `grantee` register model packages into the group, only as PendingManualApproval so
   * that approval stays a reviewer's decision (`sagemaker:ModelApprovalStatus`), and read and tag
   * them and the group. Returns the statements added.
   */
  grantRegister(grantee: IGrantable): PolicyStatement[];
}

/** Sids of IModelPackageGroup.grantRegister. */
export const MODEL_PACKAGE_REGISTER_SIDS = {
  register: 'RegisterPendingModelPackages',
  packages: 'ReadAndTagModelPackages',
  group: 'ReadAndTagModelPackageGroup',
} as const;

/** A SageMaker model package group, protected in production, readable by the next environment. */
export class ModelPackageGroup extends Construct implements IModelPackageGroup {
  /**
   * A group of this account that another stack owns (the foundation stack creates the groups of
   * platform.json), named by its name: same region and account as `scope`'s stack.
   */
  static fromName(scope: Construct, id: string, groupName: string): IModelPackageGroup {
    return new ImportedModelPackageGroup(scope, id, groupName);
  }

  readonly groupName: string;
  readonly groupArn: string;
  readonly packagesArn: string;
  readonly resource: SagemakerModelPackageGroup;
  /** The resource policy statements; empty without a downstream environment. */
  readonly policyStatements: readonly PolicyStatement[];

  constructor(scope: Construct, id: string, props: ModelPackageGroupProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    new PropProblems()
      .check('groupName', props.groupName, () => checkName('sagemaker', props.groupName))
      .addAll(downstreamProblems(props.downstream, stack.accountId))
      .throwIfAny(this, 'ModelPackageGroup');
    this.groupName = props.groupName;
    this.resource = stack.protect(
      new SagemakerModelPackageGroup(this, 'Resource', {
        modelPackageGroupName: this.groupName,
        modelPackageGroupDescription: props.description,
      }),
    );
    const arns = groupArns(stack, this.groupName);
    this.groupArn = arns.groupArn;
    this.packagesArn = arns.packagesArn;
    this.policyStatements = props.downstream
      ? [
          {
            Sid: 'NextEnvironmentDescribesGroup',
            Effect: 'Allow',
            Principal: downstreamPrincipal(props.downstream),
            Action: [...MODEL_PACKAGE_GROUP_READ_ACTIONS],
            Resource: this.groupArn,
            Condition: downstreamCondition(props.downstream),
          },
          {
            Sid: 'NextEnvironmentReadsPackages',
            Effect: 'Allow',
            Principal: downstreamPrincipal(props.downstream),
            Action: [...MODEL_PACKAGE_READ_ACTIONS],
            Resource: this.packagesArn,
            Condition: downstreamCondition(props.downstream),
          },
        ]
      : [];
    if (this.policyStatements.length > 0) {
      new SagemakerModelPackageGroupPolicy(this, 'Policy', {
        modelPackageGroupName: this.resource.modelPackageGroupName,
        resourcePolicy: renderPolicy(this.policyStatements),
      });
    }
  }

  grantRegister(grantee: IGrantable): PolicyStatement[] {
    return grantRegister(grantee, this);
  }
}

class ImportedModelPackageGroup extends Construct implements IModelPackageGroup {
  readonly groupArn: string;
  readonly packagesArn: string;

  constructor(
    scope: Construct,
    id: string,
    readonly groupName: string,
  ) {
    super(scope, id);
    new PropProblems()
      .check('groupName', groupName, () => checkName('sagemaker', groupName))
      .throwIfAny(this, 'ModelPackageGroup.fromName');
    const arns = groupArns(ConstructEnvironment.of(this), groupName);
    this.groupArn = arns.groupArn;
    this.packagesArn = arns.packagesArn;
  }

  grantRegister(grantee: IGrantable): PolicyStatement[] {
    return grantRegister(grantee, this);
  }
}

function groupArns(
  stack: ConstructEnvironment,
  groupName: string,
): { groupArn: string; packagesArn: string } {
  return {
    groupArn: modelPackageGroupArn(stack.environment, groupName),
    packagesArn: modelPackagesArn(stack.environment, groupName),
  };
}

function grantRegister(grantee: IGrantable, group: IModelPackageGroup): PolicyStatement[] {
  return addStatements(grantee, [
    {
      Sid: MODEL_PACKAGE_REGISTER_SIDS.register,
      Effect: 'Allow',
      Action: ['sagemaker:CreateModelPackage'],
      Resource: group.packagesArn,
      Condition: { StringEquals: { 'sagemaker:ModelApprovalStatus': 'PendingManualApproval' } },
    },
    {
      Sid: MODEL_PACKAGE_REGISTER_SIDS.packages,
      Effect: 'Allow',
      Action: MODEL_PACKAGE_REGISTER_ACTIONS.filter((a) => a !== 'sagemaker:CreateModelPackage'),
      Resource: group.packagesArn,
    },
    {
      Sid: MODEL_PACKAGE_REGISTER_SIDS.group,
      Effect: 'Allow',
      Action: [...MODEL_PACKAGE_GROUP_REGISTER_ACTIONS],
      Resource: group.groupArn,
    },
  ]);
}
