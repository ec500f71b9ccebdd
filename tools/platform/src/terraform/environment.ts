import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ProviderSource, writeCliConfig } from './provider-source';

export { hclString } from './provider-source';

/** Files of one run, kept under `<out>/.work/`. */
export interface RunFiles {
  readonly cliConfigFile: string;
  /** Set when the mirror is packed; see writeRunFiles. */
  readonly pluginCacheDir?: string;
  readonly emptyAwsConfigFile: string;
  readonly emptyAwsCredentialsFile: string;
}

/** Credentials no AWS account accepts (and no secret scanner mistakes for a key): the provider needs some, never real ones. */
export const FAKE_ACCESS_KEY_ID = 'offline-plan-fake-access-key-id';
export const FAKE_SECRET_ACCESS_KEY = 'offline-plan-fake-secret-not-a-real-key';

/**
 * Writes the Terraform CLI configuration of this run (provider installation from the mirror or
 * the registry, see provider-source.ts) and the empty AWS files the offline runs point at.
 *
 * The 675 MB provider must not be copied per stack. Measured with Terraform 1.11.4: from an
 * unpacked mirror, init only symlinks .terraform/providers/... to the mirror (a work dir is 48 KB),
 * so no plugin cache is used and inits run in parallel. From a packed (.zip) mirror, or from the
 * registry, init would unpack (or download) a copy per stack, so then a plugin cache shared by the
 * stacks of the output directory is set, which init fills once and symlinks from; the caller then
 * serializes init, because Terraform rewrites cache entries during init and documents the cache as
 * unsafe for concurrent use.
 */
export function writeRunFiles(
  workRoot: string,
  source: ProviderSource,
  options: { pluginCache: boolean },
): RunFiles {
  mkdirSync(workRoot, { recursive: true });
  const files: RunFiles = {
    cliConfigFile: join(workRoot, 'terraform.tfrc'),
    pluginCacheDir: options.pluginCache ? join(workRoot, 'plugin-cache') : undefined,
    emptyAwsConfigFile: join(workRoot, 'aws-config'),
    emptyAwsCredentialsFile: join(workRoot, 'aws-credentials'),
  };
  writeFileSync(files.emptyAwsConfigFile, '');
  writeFileSync(files.emptyAwsCredentialsFile, '');
  writeCliConfig(files.cliConfigFile, source, files.pluginCacheDir);
  return files;
}

/**
 * The environment of every terraform process. Inherited AWS_* and TF_* variables are dropped (a
 * developer's AWS_PROFILE, TF_CLI_ARGS or TF_DATA_DIR would change what runs, or reach a real
 * account), except TF_LOG* for debugging. The AWS settings make the provider use fake static
 * credentials and never read ~/.aws or the instance metadata service. Without `files` (the
 * version check, before they exist) Terraform reads no CLI configuration of ours.
 */
export function terraformEnvironment(
  parent: NodeJS.ProcessEnv,
  files?: RunFiles,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(parent)) {
    if (name.startsWith('AWS_')) continue;
    if (name.startsWith('TF_') && !name.startsWith('TF_LOG')) continue;
    env[name] = value;
  }
  Object.assign(env, {
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    AWS_ACCESS_KEY_ID: FAKE_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: FAKE_SECRET_ACCESS_KEY,
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  if (files) {
    Object.assign(env, {
      TF_CLI_CONFIG_FILE: files.cliConfigFile,
      AWS_CONFIG_FILE: files.emptyAwsConfigFile,
      AWS_SHARED_CREDENTIALS_FILE: files.emptyAwsCredentialsFile,
    });
  }
  return env;
}
