import { json, packageManifest } from '../shared/workspace-files';

/** The files of a new blueprint app, in the shape every app under apps/ has. */

export interface AppNames {
  /** kebab-case: the folder, the Nx project and the blueprint name in profiles. */
  readonly name: string;
  /** PascalCase: the stack class is `<Pascal>Stack`. */
  readonly pascal: string;
  /** SCREAMING_SNAKE: the app constant is `<CONSTANT>_APP`. */
  readonly constant: string;
  readonly description: string;
  readonly scope: 'project' | 'account';
}

export function appNames(
  name: string,
  description: string,
  scope: 'project' | 'account',
): AppNames {
  const words = name.split('-');
  return {
    name,
    pascal: words.map((word) => word[0].toUpperCase() + word.slice(1)).join(''),
    constant: words.map((word) => word.toUpperCase()).join('_'),
    description,
    scope,
  };
}

export function packageJson(app: AppNames): string {
  return packageManifest({
    name: app.name,
    description: app.description,
    extra: { platformApp: { scope: app.scope } },
    dependencies: ['config', 'core'],
  });
}

export function cdktfJson(app: AppNames): string {
  return json({
    language: 'typescript',
    app: 'npx tsx --conditions=@genai-sandbox/source src/main.ts',
    projectId: `genai-sandbox-${app.name}`,
    sendCrashReports: 'false',
    terraformProviders: [],
    terraformModules: [],
    context: {},
  });
}

export function indexTs(app: AppNames): string {
  const stacks =
    app.scope === 'project'
      ? 'one stack per project whose profile includes the blueprint'
      : 'one stack per environment';
  return `import type { PlatformApp } from '@genai-sandbox/core';
import { ${app.constant}_APP, ${app.pascal}Stack } from './${app.name}-stack';

export * from './${app.name}-stack';

/** Discovered by the platform CLI; ${stacks}. */
export const platformApp: PlatformApp = {
  name: ${app.constant}_APP,
  scope: '${app.scope}',
  createStack: (scope, context) => new ${app.pascal}Stack(scope, context),
};
`;
}

export function stackTs(app: AppNames): string {
  const project = app.scope === 'project';
  return `import { ${project ? 'assertProjectContext, ' : ''}PlatformStack, type StackContext } from '@genai-sandbox/core';
import type { Construct } from 'constructs';

export const ${app.constant}_APP = '${app.name}';

/**
 * ${app.description}
 *
 * Built from the construct packages (packages/*): their grant methods give each role exactly what
 * it needs, and PlatformStack gives the provider, default tags, naming and the state backend.
 */
export class ${app.pascal}Stack extends PlatformStack {
  constructor(scope: Construct, context: StackContext) {
${project ? `    assertProjectContext(context, ${app.constant}_APP);\n` : ''}    super(scope, { ...context, app: ${app.constant}_APP });
  }
}
`;
}

export const mainTs = `/**
 * Entry point for the conventional cdktf CLI (\`cdktf synth\` in this directory, see cdktf.json).
 * The platform CLI synthesizes every app in one process instead; both produce the same stacks.
 */
import { loadPlatformConfiguration } from '@genai-sandbox/config';
import { planStacks, synthesizeStacks } from '@genai-sandbox/core';
import { join } from 'node:path';
import { platformApp } from './index';

const configDir = process.env.PLATFORM_CONFIG_DIR ?? join(__dirname, '../../../environments');
synthesizeStacks(
  planStacks([platformApp], loadPlatformConfiguration(configDir)),
  process.env.CDKTF_OUTDIR ?? 'cdktf.out',
);
`;

export function stackTest(app: AppNames): string {
  const project = app.scope === 'project';
  return `import { planStacks } from '@genai-sandbox/core';
import { synthesize, testConfiguration } from '@genai-sandbox/core/testing';
import { Testing } from 'cdktf';
import { ${app.pascal}Stack, platformApp } from '../src';

/** The fixture configuration${project ? ` with ${app.name} in the genai-full profile` : ''}. */
const config = testConfiguration(${project ? `(fixture) => {\n  fixture.platform.profiles['genai-full'].blueprints.push('${app.name}');\n}` : ''});

describe('${app.pascal}Stack', () => {
  it('is planned ${project ? 'once per project and environment' : 'once per environment'}', () => {
    expect(planStacks([platformApp], config).map((planned) => planned.name)).toEqual(
      ${project ? `['dev', 'test', 'prod'].map((env) => \`${app.name}-fraud-detection-\${env}\`)` : `['dev', 'test', 'prod'].map((env) => \`${app.name}-\${env}\`)`},
    );
  });

  it('synthesizes with the platform provider and backend', () => {
    const environment = config.environments[0];
    const stack = new ${app.pascal}Stack(Testing.app(), {
      config,
      environment,${project ? `\n      project: environment.projects[0],` : ''}
    });
    const json = synthesize(stack);
    expect(json.provider?.aws).toBeDefined();
    expect(JSON.stringify(json.terraform)).toContain('use_lockfile');
  });
});
`;
}

export function readme(app: AppNames): string {
  return `# ${app.name}

${app.description}

${app.scope === 'project' ? `A project blueprint: one stack \`${app.name}-<project>-<env>\` per project whose profile (\`environments/platform.json\` \`profiles\`) lists \`${app.name}\`.` : `An account-level app: one stack \`${app.name}-<env>\` per environment.`}

\`\`\`sh
npm run synth -- --app ${app.name}
npx jest apps/${app.name}
\`\`\`
`;
}
