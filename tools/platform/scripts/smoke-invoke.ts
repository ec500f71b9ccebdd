/**
 * Smoke test by invocation, after `platform promote` into <env> and the apply of its inference
 * stacks: each real-time or serverless endpoint that serves the promoted package (tagged with the
 * platform, environment, project and blueprint of its release) is invoked with the group's
 * configured smokeTest payload (platform.json), and the answer must have the expected keys.
 *
 *   node --conditions=@genai-sandbox/source --import tsx smoke-invoke.ts <env> <model-package-arn>
 *
 * Credentials: the job's (sagemaker:ListEndpoints, sagemaker:ListTags, sagemaker:InvokeEndpoint).
 * A group without smokeTest, or a release without an invocable endpoint, is said and passes.
 */
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
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
      `No endpoint of ${environmentName} to invoke for ${arn} (no smokeTest for its group in platform.json, or no real-time or serverless release of it).`,
    );
    return 0;
  }
  const region = environment.region;
  const clients = {
    sageMaker: new SageMakerClient({ region }),
    runtime: new SageMakerRuntimeClient({ region }),
  };
  const { ok, lines } = await smokeInvoke(
    clients,
    { platform: config.platform.name, environment: environmentName },
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
