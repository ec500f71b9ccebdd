import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { runProcess } from './run-process';

/** S3-native state locking (`use_lockfile`) needs 1.10; PlatformStack sets the same floor. */
export const MINIMUM_TERRAFORM = [1, 10, 0] as const;
const MINIMUM_TEXT = MINIMUM_TERRAFORM.join('.');

const INSTALL_HINT =
  `Install Terraform >= ${MINIMUM_TEXT} (a release binary from https://developer.hashicorp.com/terraform/install, ` +
  'or the terraform package of your system), then put it on PATH or point TERRAFORM_BIN at the binary, ' +
  'e.g. TERRAFORM_BIN=/usr/local/bin/terraform.';

export type Located = { readonly path: string } | { readonly problem: string };

/** TERRAFORM_BIN when set (it must then be usable), else the first `terraform` on PATH. */
export function locateTerraform(env: NodeJS.ProcessEnv, cwd: string): Located {
  const configured = env.TERRAFORM_BIN;
  if (configured !== undefined && configured !== '') {
    const path = isAbsolute(configured) ? configured : resolve(cwd, configured);
    if (isExecutableFile(path)) return { path };
    return {
      problem: `TERRAFORM_BIN=${configured} is not an executable file. Fix the path, or unset TERRAFORM_BIN to use terraform from PATH. ${INSTALL_HINT}`,
    };
  }
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const path = join(dir, 'terraform');
    if (isExecutableFile(path)) return { path };
  }
  return {
    problem: `Terraform was not found: there is no terraform on PATH (${env.PATH ?? 'PATH is not set'}) and TERRAFORM_BIN is not set. validate and plan run the real terraform binary. ${INSTALL_HINT}`,
  };
}

export interface TerraformVersion {
  readonly version: string;
  /** Such as `linux_amd64`: the provider build to look for in the mirror. */
  readonly platform: string;
}

/** Runs `terraform version -json` and checks the minimum version. */
export async function checkTerraformVersion(
  path: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<TerraformVersion> {
  const result = await runProcess(path, ['version', '-json'], { env, cwd });
  let parsed: { terraform_version?: string; platform?: string } = {};
  try {
    parsed = JSON.parse(result.stdout) as typeof parsed;
  } catch {
    // Reported below with the output.
  }
  if (result.code !== 0 || !parsed.terraform_version || !parsed.platform) {
    throw new Error(
      `${path} version -json failed (exit ${result.code}); is it a Terraform binary? ${INSTALL_HINT}\n${result.output}`,
    );
  }
  if (compareVersions(parsed.terraform_version, MINIMUM_TERRAFORM) < 0) {
    throw new Error(
      `${path} is Terraform ${parsed.terraform_version}, older than ${MINIMUM_TEXT}. ${INSTALL_HINT}`,
    );
  }
  return { version: parsed.terraform_version, platform: parsed.platform };
}

function compareVersions(version: string, minimum: readonly number[]): number {
  const parts = version.split(/[.-]/).map((part) => Number.parseInt(part, 10));
  for (let index = 0; index < minimum.length; index++) {
    const difference = (parts[index] || 0) - minimum[index];
    if (difference !== 0) return difference;
  }
  return 0;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
