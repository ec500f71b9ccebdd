import { SagemakerModelPackageGroup } from '@cdktf/provider-aws/lib/sagemaker-model-package-group';
import { SagemakerModelPackageGroupPolicy } from '@cdktf/provider-aws/lib/sagemaker-model-package-group-policy';
import { modelPackageGroupArn, modelPackagesArn } from '@genai-sandbox/config';
import {
  checkName,
  PlatformStack,
  type PolicyStatement,
  PropProblems,
  renderPolicy,
} from '@genai-sandbox/core';
import { Construct } from 'constructs';
import {
  type DownstreamReaders,
  downstreamCondition,
  downstreamPrincipal,
  downstreamProblems,
} from './downstream';
import { MODEL_PACKAGE_GROUP_READ_ACTIONS, MODEL_PACKAGE_READ_ACTIONS } from './perms';

export interface ModelPackageGroupProps {
  /** The group name from platform.json: the same in every environment, so lineage reads the same. */
  readonly groupName: string;
  /** What the group holds, shown in SageMaker Studio. */
  readonly description: string;
  /** The next environment, allowed to describe and list the packages and create models from them. @default - no cross-account access */
  readonly downstream?: DownstreamReaders;
}

/** A SageMaker model package group, protected in production, readable by the next environment. */
export class ModelPackageGroup extends Construct {
  readonly groupName: string;
  readonly groupArn: string;
  readonly resource: SagemakerModelPackageGroup;
  /** The resource policy statements; empty without a downstream environment. */
  readonly policyStatements: readonly PolicyStatement[];

  constructor(scope: Construct, id: string, props: ModelPackageGroupProps) {
    super(scope, id);
    const stack = PlatformStack.of(this);
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
    this.groupArn = modelPackageGroupArn(stack.environment, this.groupName);
    const packagesArn = modelPackagesArn(stack.environment, this.groupName);
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
            Resource: packagesArn,
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
}
