/**
 * The inference stacks promote.yml applies after a promotion into <env>: those that serve the
 * promoted package's group there, as stack names for `platform deploy --stack`.
 *
 *   node --conditions=@genai-sandbox/source --import tsx release-stacks.ts <env> <model-package-arn>
 *
 * Prints the stack names on one line, comma-separated (nothing when no stack serves the group); blueprints without an
 * app under apps/ are named on stderr. Reads environments/ (or $PLATFORM_CONFIG_DIR) and apps/.
 */
import {
  loadPlatformConfiguration,
  MODEL_PACKAGE_ARN_PATTERN,
  stackName,
} from '@genai-sandbox/config';
import { describeApps } from '../src/discover-apps';
import { servingStacks } from '../src/promote/release-gates';

const [environment, arn] = process.argv.slice(2);
if (!environment || !arn) {
  console.error('Usage: release-stacks.ts <env> <model-package-arn>');
  process.exit(2);
}
try {
  const group = MODEL_PACKAGE_ARN_PATTERN.exec(arn)?.[3];
  if (!group) throw new Error(`"${arn}" is not a versioned model package ARN.`);
  const config = loadPlatformConfiguration(process.env.PLATFORM_CONFIG_DIR ?? 'environments');
  const apps = describeApps('apps').map((app) => app.name);
  const { stacks, withoutApp } = servingStacks(config, environment, group, apps);
  for (const stack of withoutApp)
    console.error(
      `${stack.blueprint}/${stack.project} serves ${group} in ${environment}, but there is no ${stack.blueprint} app; not applied.`,
    );
  console.log(
    stacks.map((stack) => stackName(stack.blueprint, environment, stack.project)).join(','),
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
