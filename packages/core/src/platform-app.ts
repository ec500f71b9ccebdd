import type {
  EnvironmentDefinition,
  PlatformConfiguration,
  ProjectConfig,
} from '@genai-sandbox/config';
import {
  projectsWithBlueprint,
  SHARED_SERVICES_ENVIRONMENT,
  sharedServicesEnvironment,
  sharedServicesStackName,
  stackName,
} from '@genai-sandbox/config';
import { App } from 'cdktf';
import type { Construct } from 'constructs';
import { type PlatformStack, REQUIRED_TERRAFORM_VERSION } from './platform-stack';
import { withBinaryVersionChecksOnce } from './binary-version-checks';
import { withoutTokenStackTraces } from './token-stack-traces';

export type PlatformAppScope = 'account' | 'project' | 'shared-services' | 'every-account';

/** Every scope, for tools that read an app's declared scope. */
export const PLATFORM_APP_SCOPES: readonly PlatformAppScope[] = [
  'account',
  'project',
  'shared-services',
  'every-account',
];

export interface StackContext {
  readonly config: PlatformConfiguration;
  readonly environment: EnvironmentDefinition;
  /** Set for project-scoped apps. */
  readonly project?: ProjectConfig;
}

/**
 * What an app package exports (as `platformApp`) so that one process can synthesize every app:
 * the CLI discovers apps at run time, so nothing depends on an app (docs/architecture.md#dependency-direction).
 */
export interface PlatformApp {
  /** The app name; the first part of its stack names. */
  readonly name: string;
  /**
   * Which stacks the app has (the environment `shared`, which `--env shared` selects, is the
   * shared-services account). `account`: one stack per environment; `project`: one per project whose profile includes the
   * app; `shared-services`: one stack, named after the app, in the shared-services account
   * (platform.json `sharedServices`; none while that section is absent); `every-account`: one
   * stack per environment and one in the shared-services account, `<app>-shared-services`
   * (bootstrap: every account needs its boundary, state and CI roles).
   */
  readonly scope: PlatformAppScope;
  createStack(scope: Construct, context: StackContext): PlatformStack;
}

/** Narrows which stacks are synthesized; every field is optional and they combine with AND. */
export interface StackFilter {
  readonly apps?: readonly string[];
  readonly environments?: readonly string[];
  readonly projects?: readonly string[];
}

export interface PlannedStack {
  readonly name: string;
  readonly app: PlatformApp;
  readonly context: StackContext;
}

/** Every stack the configuration asks for, in a stable order: app, environment (chain order), project. */
export function planStacks(
  apps: readonly PlatformApp[],
  config: PlatformConfiguration,
  filter: StackFilter = {},
): PlannedStack[] {
  const planned: PlannedStack[] = [];
  for (const app of apps) {
    if (filter.apps && !filter.apps.includes(app.name)) continue;
    const shared = sharedServicesEnvironment(config);
    // The shared-services account's stacks: selected by --app, or --env shared; a --project
    // filter names project stacks only.
    const sharedSelected =
      shared !== undefined &&
      !filter.projects &&
      (!filter.environments || filter.environments.includes(SHARED_SERVICES_ENVIRONMENT));
    if (app.scope === 'shared-services') {
      if (sharedSelected)
        planned.push({ name: app.name, app, context: { config, environment: shared } });
      continue;
    }
    for (const environment of config.environments) {
      if (filter.environments && !filter.environments.includes(environment.name)) continue;
      if (app.scope === 'account' || app.scope === 'every-account') {
        if (filter.projects) continue;
        planned.push({
          name: stackName(app.name, environment.name),
          app,
          context: { config, environment },
        });
        continue;
      }
      for (const project of projectsWithBlueprint(config, environment, app.name)) {
        if (filter.projects && !filter.projects.includes(project.name)) continue;
        planned.push({
          name: stackName(app.name, environment.name, project.name),
          app,
          context: { config, environment, project },
        });
      }
    }
    // After the environments' stacks, as the shared-services app's stack comes after theirs.
    if (app.scope === 'every-account' && sharedSelected) {
      planned.push({
        name: sharedServicesStackName(app.name),
        app,
        context: { config, environment: shared },
      });
    }
  }
  return planned;
}

/**
 * Variables meant for the cdktf CLI (HCL instead of JSON, extra context, a target stack, carrying
 * on after errors). cdktf's App reads them from the environment; left set in a shell they would
 * change what the platform writes, so synthesis hides them.
 */
const CDKTF_CLI_VARIABLES = [
  'SYNTH_HCL_OUTPUT',
  'CDKTF_CONTEXT_JSON',
  'CDKTF_OUTDIR',
  'CDKTF_TARGET_STACK_ID',
  'CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS',
];

/**
 * Builds the planned stacks in one cdktf App and writes `<outdir>/stacks/<stack>/cdk.tf.json`.
 * Construct metadata traces are off: they hold absolute paths and would make output differ
 * between machines. Token creation traces are off too, for speed (see withoutTokenStackTraces),
 * and cdktf's `terraform version` check is answered by the stacks' own `required_version`
 * instead of a process per stack (withBinaryVersionChecksOnce).
 */
export function synthesizeStacks(stacks: readonly PlannedStack[], outdir: string): void {
  const saved = new Map<string, string>();
  for (const name of CDKTF_CLI_VARIABLES) {
    const value = process.env[name];
    if (value !== undefined) saved.set(name, value);
    delete process.env[name];
  }
  try {
    withoutTokenStackTraces(() =>
      withBinaryVersionChecksOnce(REQUIRED_TERRAFORM_VERSION, () => {
        const app = new App({
          outdir,
          skipValidation: false,
          hclOutput: false,
          stackTraces: false,
        });
        for (const stack of stacks) stack.app.createStack(app, stack.context);
        app.synth();
      }),
    );
  } finally {
    for (const [name, value] of saved) process.env[name] = value;
  }
}

/**
 * Narrows a project blueprint's stack context to one with a project; throws when an app's
 * `PlatformApp` scope is not "project" (a bug of the app, not of configuration).
 */
export function assertProjectContext(
  context: StackContext,
  app: string,
): asserts context is StackContext & { readonly project: ProjectConfig } {
  if (!context.project)
    throw new Error(
      `${app} is a project blueprint; its stacks need a project (PlatformApp scope "project")`,
    );
}
