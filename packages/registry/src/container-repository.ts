import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcrRepositoryPolicy } from '@cdktf/provider-aws/lib/ecr-repository-policy';
import {
  isDeployTime,
  PlatformStack,
  type PolicyStatement,
  PropProblems,
  renderPolicy,
} from '@genai-sandbox/core';
import type { IKey } from '@genai-sandbox/security';
import { Construct } from 'constructs';
import {
  type DownstreamReaders,
  downstreamCondition,
  downstreamPrincipal,
  downstreamProblems,
} from './downstream';
import { ECR_PULL_ACTIONS } from './perms';

export interface ContainerRepositoryProps {
  /** Purpose, part of the name `<platform>-<env>-<purpose>`, lower-cased as ECR requires. */
  readonly purpose: string;
  /** Customer key the images are encrypted with. */
  readonly encryptionKey: IKey;
  /** Images kept (tagged, and untagged ones younger than untaggedImageDays); older ones expire. @default 30 */
  readonly keepTaggedImages?: number;
  /** Days untagged images are kept. @default 7 */
  readonly untaggedImageDays?: number;
  /** The next environment, allowed to pull. @default - no cross-account access */
  readonly downstream?: DownstreamReaders;
}

/** An ECR repository for model containers: immutable tags, scan on push, KMS, lifecycle, pull by the next environment. */
export class ContainerRepository extends Construct {
  readonly repositoryName: string;
  readonly repositoryArn: string;
  readonly resource: EcrRepository;
  readonly policyStatements: readonly PolicyStatement[];

  constructor(scope: Construct, id: string, props: ContainerRepositoryProps) {
    super(scope, id);
    const stack = PlatformStack.of(this);
    const keep = props.keepTaggedImages ?? 30;
    const untaggedDays = props.untaggedImageDays ?? 7;
    const repositoryName = () => stack.naming.name('ecr-repository', props.purpose.toLowerCase());
    const problems = new PropProblems();
    // The purpose is part of a name checked at synth time; a deploy-time value cannot be.
    if (isDeployTime(props.purpose))
      problems.add('purpose', props.purpose, 'must be known at synth time: it is part of the name');
    else problems.check('purpose', props.purpose, repositoryName);
    problems.addAll(downstreamProblems(props.downstream, stack.accountId));
    if (!isDeployTime(keep) && (!Number.isInteger(keep) || keep < 1)) {
      problems.add('keepTaggedImages', keep, 'keep a whole number of images, at least 1');
    }
    if (!isDeployTime(untaggedDays) && (!Number.isInteger(untaggedDays) || untaggedDays < 1)) {
      problems.add('untaggedImageDays', untaggedDays, 'use a whole number of days, at least 1');
    }
    problems.throwIfAny(this, 'ContainerRepository');

    this.repositoryName = repositoryName();
    this.resource = stack.protect(
      new EcrRepository(this, 'Resource', {
        name: this.repositoryName,
        imageTagMutability: 'IMMUTABLE',
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfiguration: [{ encryptionType: 'KMS', kmsKey: props.encryptionKey.keyArn }],
        forceDelete: false,
      }),
    );
    this.repositoryArn = this.resource.arn;
    new EcrLifecyclePolicy(this, 'Lifecycle', {
      repository: this.resource.name,
      policy: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            description: `Expire untagged images after ${untaggedDays} days`,
            selection: {
              tagStatus: 'untagged',
              countType: 'sinceImagePushed',
              countUnit: 'days',
              countNumber: untaggedDays,
            },
            action: { type: 'expire' },
          },
          {
            rulePriority: 2,
            // tagStatus "any" must come last; it also counts untagged images not yet expired.
            description: `Keep the ${keep} most recent images`,
            selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: keep },
            action: { type: 'expire' },
          },
        ],
      }),
    });
    this.policyStatements = props.downstream
      ? [
          {
            Sid: 'NextEnvironmentPulls',
            Effect: 'Allow',
            Principal: downstreamPrincipal(props.downstream),
            Action: [...ECR_PULL_ACTIONS],
            Condition: downstreamCondition(props.downstream),
          },
        ]
      : [];
    if (this.policyStatements.length > 0) {
      new EcrRepositoryPolicy(this, 'Policy', {
        repository: this.resource.name,
        policy: renderPolicy(this.policyStatements),
      });
    }
  }
}
