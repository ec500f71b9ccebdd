import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcrRepositoryPolicy } from '@cdktf/provider-aws/lib/ecr-repository-policy';
import {
  ConstructEnvironment,
  isDeployTime,
  type PolicyStatement,
  PropProblems,
  renderPolicy,
} from '@genai-sandbox/core';
import { addStatements, type IGrantable, type IKey } from '@genai-sandbox/security';
import { Construct } from 'constructs';
import {
  type DownstreamReaders,
  downstreamCondition,
  downstreamPrincipal,
  downstreamProblems,
} from './downstream';
import { ECR_AUTHORIZATION_ACTIONS, ECR_PULL_ACTIONS } from './perms';

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

/** An ECR repository of this account, owned by this stack or named by ContainerRepository.fromName. */
export interface IContainerRepository {
  readonly repositoryName: string;
  readonly repositoryArn: string;
  /** Lets `grantee` pull images of this repository (and get the ECR login token). Returns the statements added. */
  grantPull(grantee: IGrantable): PolicyStatement[];
}

/** Sids of IContainerRepository.grantPull. */
export const CONTAINER_PULL_SIDS = {
  pull: 'PullPlatformImages',
  token: 'EcrAuthorizationToken',
} as const;

/** An ECR repository for model containers: immutable tags, scan on push, KMS, lifecycle, pull by the next environment. */
export class ContainerRepository extends Construct implements IContainerRepository {
  /**
   * A repository of this account that another stack owns (the foundation stack creates one per
   * model package group), named by its name: same region and account as `scope`'s stack.
   */
  static fromName(scope: Construct, id: string, repositoryName: string): IContainerRepository {
    return new ImportedContainerRepository(scope, id, repositoryName);
  }

  readonly repositoryName: string;
  readonly repositoryArn: string;
  readonly resource: EcrRepository;
  readonly policyStatements: readonly PolicyStatement[];

  constructor(scope: Construct, id: string, props: ContainerRepositoryProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
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

  grantPull(grantee: IGrantable): PolicyStatement[] {
    return grantPull(grantee, this.repositoryArn);
  }
}

/** ECR names: lower case, digits and ._-/ separators, 2 to 256 characters. */
const REPOSITORY_NAME =
  /^(?=.{2,256}$)[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;

class ImportedContainerRepository extends Construct implements IContainerRepository {
  readonly repositoryArn: string;

  constructor(
    scope: Construct,
    id: string,
    readonly repositoryName: string,
  ) {
    super(scope, id);
    const problems = new PropProblems();
    if (!isDeployTime(repositoryName) && !REPOSITORY_NAME.test(repositoryName)) {
      problems.add(
        'repositoryName',
        repositoryName,
        'not an ECR repository name; use lower-case letters, digits and . _ - / separators, such as "<platform>-<env>-<group>"',
      );
    }
    problems.throwIfAny(this, 'ContainerRepository.fromName');
    const stack = ConstructEnvironment.of(this);
    this.repositoryArn = `arn:aws:ecr:${stack.region}:${stack.accountId}:repository/${repositoryName}`;
  }

  grantPull(grantee: IGrantable): PolicyStatement[] {
    return grantPull(grantee, this.repositoryArn);
  }
}

function grantPull(grantee: IGrantable, repositoryArn: string): PolicyStatement[] {
  return addStatements(grantee, [
    {
      Sid: CONTAINER_PULL_SIDS.pull,
      Effect: 'Allow',
      Action: [...ECR_PULL_ACTIONS],
      Resource: [repositoryArn],
    },
    {
      Sid: CONTAINER_PULL_SIDS.token,
      Effect: 'Allow',
      Action: [...ECR_AUTHORIZATION_ACTIONS],
      Resource: '*',
    },
  ]);
}
