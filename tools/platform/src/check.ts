import { REQUIRED_TAGS } from '@genai-sandbox/config';
import {
  BASELINE_PACK,
  checkStacks,
  formatJson,
  formatSarif,
  formatText,
  loadStackModel,
  PROD_PACK,
  type PolicyContext,
} from '@genai-sandbox/policy';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { FilterArgs } from './options';
import { CliError } from './errors';
import { STACK_FILE, STACKS_DIR } from './manifest';
import type { ReportFormat } from './commands/check';
import { displayPath, type Output, plural } from './progress';
import { selectStacks } from './select-stacks';
import { SourceLocator } from './source-locations';

export interface CheckOptions {
  readonly configDir: string;
  readonly out: string;
  readonly appsDir: string;
  readonly filter: FilterArgs;
  readonly cwd: string;
  readonly output: Output;
  readonly format: ReportFormat;
}

/** The policy gate over synthesized stacks; returns 1 when any error-level finding remains. */
export async function runPolicyCheck(options: CheckOptions): Promise<number> {
  const selection = selectStacks(options.configDir, options.appsDir, options.filter, {
    loadApps: false,
  });
  const stacks = selection.stacks.map((stack) => ({
    stack,
    dir: join(options.out, STACKS_DIR, stack.name),
  }));
  const missing = stacks.filter(({ dir }) => !existsSync(join(dir, STACK_FILE)));
  if (missing.length > 0) {
    throw new CliError(
      `${plural(missing.length, 'stack')} not synthesized in ${displayPath(options.cwd, options.out)}: ` +
        `${missing.map(({ stack }) => stack.name).join(', ')}. check reads the output of synth; run "npm run platform -- synth" first.`,
    );
  }
  const { platform } = selection.config;
  const context: PolicyContext = {
    chainAccountIds: platform.promotionChain.flatMap(
      (name) =>
        selection.config.environments.find((environment) => environment.name === name)?.accountId ??
        [],
    ),
    githubRepository: `${platform.github.organization}/${platform.github.repository}`,
    requiredTags: REQUIRED_TAGS,
  };
  const report = await checkStacks(
    stacks.map(({ stack, dir }) => ({
      model: loadStackModel(dir),
      packs: stack.context.environment.preventDestroy
        ? [BASELINE_PACK, PROD_PACK]
        : [BASELINE_PACK],
    })),
    context,
  );

  if (options.format === 'json') options.output.out(formatJson(report));
  else if (options.format === 'sarif') {
    const fileOf = (stack: string) => join(options.out, STACKS_DIR, stack, STACK_FILE);
    const appOf = new Map(stacks.map(({ stack }) => [stack.name, stack.app.name]));
    const sources = new SourceLocator(options.appsDir, options.cwd);
    options.output.out(
      formatSarif(report, {
        stackFileUri: (stack) => relative(options.cwd, fileOf(stack)).split('\\').join('/'),
        resourceLine: (stack, address) => lineOf(fileOf(stack), address),
        sourceLocation: (stack, violation) =>
          sources.locate(appOf.get(stack) ?? '', violation.constructPath),
      }),
    );
  } else options.output.out(formatText(report));
  return report.errors > 0 ? 1 : 0;
}

/** The line where a resource's block starts in a pretty-printed cdk.tf.json. */
function lineOf(file: string, address: string): number | undefined {
  const name = address.slice(address.lastIndexOf('.') + 1);
  const lines = readFileSync(file, 'utf8').split('\n');
  const index = lines.findIndex((line) => line.trimStart().startsWith(`"${name}": {`));
  return index < 0 ? undefined : index + 1;
}
