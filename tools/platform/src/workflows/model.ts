import {
  chainPosition,
  githubEnvironmentName,
  type PlatformConfiguration,
  platformRoleArn,
  sharedServicesEnvironment,
} from '@genai-sandbox/config';
import { readFileSync } from 'node:fs';
import { CliError } from '../errors';

/** What the workflows need to know about one environment of the promotion chain. */
export interface WorkflowEnvironment {
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  /** The previous environment of the chain, which promotions into this one come from. */
  readonly previous?: string;
  /** `<platform>-<env>-github-plan`, created by the bootstrap stack: read-only, for pull requests. */
  readonly planRoleArn: string;
  /** `<platform>-<env>-github-deploy`, created by the bootstrap stack: trusts this environment only. */
  readonly deployRoleArn: string;
  /** `<platform>-<env>-promotion`, created by the foundation stack; reached from the deploy role. */
  readonly promotionRoleArn: string;
}

/**
 * The shared-services account (platform.json sharedServices), deployed by a job of its own with
 * the roles of its bootstrap stack (bootstrap-shared-services); outside the promotion chain.
 */
export interface WorkflowSharedServices {
  /** `shared`: what --env takes for the account's stacks. */
  readonly name: string;
  /** The GitHub environment its deploy role trusts: `shared-services`. */
  readonly githubEnvironment: string;
  readonly accountId: string;
  readonly region: string;
  readonly planRoleArn: string;
  readonly deployRoleArn: string;
}

/** Everything the generated workflows are derived from; nothing else goes into them. */
export interface WorkflowModel {
  readonly platform: string;
  /** `<organization>/<repository>` from platform.json: jobs that assume a role run only there. */
  readonly repository: string;
  /** The environments of the promotion chain, in chain order. */
  readonly chain: readonly WorkflowEnvironment[];
  /** Undefined while platform.json has no sharedServices section. */
  readonly sharedServices?: WorkflowSharedServices;
  /** hashicorp/aws version the stacks pin: the provider mirror of the offline jobs holds exactly it. */
  readonly awsProviderVersion: string;
  /** The Terraform release CI installs; >= 1.10 for S3-native state locking. */
  readonly terraformVersion: string;
  /** The Node.js major line the repository supports (package.json engines, docs/architecture.md#toolchain). */
  readonly nodeVersion: string;
}

/** The Terraform release the machines here run; CI installs the same one. */
const TERRAFORM_VERSION = '1.11.4';
const NODE_VERSION = '20';

export function workflowModel(config: PlatformConfiguration): WorkflowModel {
  const chain = config.platform.promotionChain.map((name) => {
    const environment = config.environments.find((candidate) => candidate.name === name);
    // loadPlatformConfiguration already rejects a chain naming an undefined environment.
    if (!environment)
      throw new CliError(`The promotion chain names "${name}", which has no ${name}.json.`);
    return {
      name,
      accountId: environment.accountId,
      region: environment.region,
      previous: chainPosition(config, name).previous?.name,
      // The same helper names the roles in the bootstrap and foundation stacks.
      planRoleArn: platformRoleArn(config, environment, 'github-plan'),
      deployRoleArn: platformRoleArn(config, environment, 'github-deploy'),
      promotionRoleArn: platformRoleArn(config, environment, 'promotion'),
    };
  });
  const shared = sharedServicesEnvironment(config);
  return {
    platform: config.platform.name,
    repository: `${config.platform.github.organization}/${config.platform.github.repository}`,
    chain,
    sharedServices: shared && {
      name: shared.name,
      githubEnvironment: githubEnvironmentName(shared.name),
      accountId: shared.accountId,
      region: shared.region,
      planRoleArn: platformRoleArn(config, shared, 'github-plan'),
      deployRoleArn: platformRoleArn(config, shared, 'github-deploy'),
    },
    awsProviderVersion: awsProviderVersion(),
    terraformVersion: TERRAFORM_VERSION,
    nodeVersion: NODE_VERSION,
  };
}

/**
 * The hashicorp/aws version that @cdktf/provider-aws generates bindings for, and so the version
 * every synthesized stack pins. Read from the installed package rather than written twice, so a
 * provider upgrade changes the CI cache key and mirror in the same `platform workflows` run.
 */
export function awsProviderVersion(): string {
  const file = require.resolve('@cdktf/provider-aws/package.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
    cdktf?: { provider?: { version?: string } };
  };
  const version = manifest.cdktf?.provider?.version;
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) {
    throw new CliError(
      `${file} has no cdktf.provider.version of the form 1.2.3 (received ${JSON.stringify(version)}); ` +
        'reinstall @cdktf/provider-aws with "npm ci".',
    );
  }
  return version;
}
