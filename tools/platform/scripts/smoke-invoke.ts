/**
 * Smoke test by invocation, after `platform promote` into <env> and the apply of its inference
 * stacks: each real-time or serverless route that serves the promoted package is called through
 * the project's inference API, signed with SigV4 as a client would, with the group's configured
 * smokeTest payload (platform.json); the endpoint's output must have the expected keys.
 *
 *   node --conditions=@genai-sandbox/source --import tsx smoke-invoke.ts <env> <model-package-arn>
 *
 * Credentials: the job's (execute-api:Invoke on the inference routes, and reading the stacks'
 * state for their `inference_url` outputs: `terraform output` in cdktf.out/stacks/<stack>, which
 * the apply step initialised). A group without smokeTest, or a release without an invocable
 * route, is said and passes.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { loadPlatformConfiguration } from '@genai-sandbox/config';
import { describeApps } from '../src/discover-apps';
import { smokeInvocations } from '../src/promote/release-gates';
import { smokeInvoke } from '../src/promote/smoke-invoke';

async function main(): Promise<number> {
  const [environmentName, arn] = process.argv.slice(2);
  if (!environmentName || !arn) {
    console.error('Usage: smoke-invoke.ts <env> <model-package-arn>');
    return 2;
  }
  const config = loadPlatformConfiguration(process.env.PLATFORM_CONFIG_DIR ?? 'environments');
  const environment = config.environments.find((candidate) => candidate.name === environmentName);
  if (!environment) {
    console.error(`Unknown environment "${environmentName}".`);
    return 2;
  }
  const apps = describeApps('apps').map((app) => app.name);
  const invocations = smokeInvocations(config, environmentName, arn, apps);
  if (invocations.length === 0) {
    console.log(
      `No route of ${environmentName} to invoke for ${arn} (no smokeTest for its group in platform.json, or no real-time or serverless release of it).`,
    );
    return 0;
  }
  const stacksDir = process.env.CDKTF_OUTDIR
    ? join(process.env.CDKTF_OUTDIR, 'stacks')
    : join('cdktf.out', 'stacks');
  const { ok, lines } = await smokeInvoke(
    {
      region: environment.region,
      credentials: defaultProvider(),
      routeUrl: async (stack) =>
        execFileSync(
          process.env.TERRAFORM_BIN ?? 'terraform',
          [`-chdir=${join(stacksDir, stack)}`, 'output', '-raw', 'inference_url'],
          { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
        ).trim(),
    },
    { environment: environmentName },
    invocations,
  );
  for (const line of lines) (line.startsWith('FAIL') ? console.error : console.log)(line);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
