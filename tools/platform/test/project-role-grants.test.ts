import { join, resolve } from 'node:path';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PROJECT_BLUEPRINTS } from '@genai-sandbox/config';
import { planStacks, synthesizeStacks } from '@genai-sandbox/core';
import { testConfiguration } from '@genai-sandbox/core/testing';
import { loadApps } from '../src/discover-apps';

/**
 * Cross-blueprint grants to SageMaker Unified Studio project roles, over every blueprint app: a
 * project with `smusProjectRoleArn` gets one managed policy per blueprint stack, attached to its
 * role, naming only that project's resources; another project's role gets nothing of it; a
 * project without the ARN gets no policy at all.
 */
const ROOT = resolve(__dirname, '..', '..', '..');
/** Every blueprint a profile can include: a new one is covered the day it is added. */
const BLUEPRINTS = PROJECT_BLUEPRINTS;
const ROLES: Record<string, string> = {
  'fraud-detection': 'arn:aws:iam::111111111111:role/datazone_usr_role_fraud_tooling',
  'churn-model': 'arn:aws:iam::111111111111:role/studio/datazone_usr_role_churn_tooling',
};

type Resources = Record<string, Record<string, Record<string, unknown>>>;
interface Statement {
  readonly Resource: string | string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** Synthesizes the dev stacks of every blueprint for fraud-detection, churn-model and plain (no role). */
function synthesizeDev(): Map<string, Resources> {
  const config = testConfiguration((fixture) => {
    fixture.platform.profiles['genai-full'].blueprints = [...BLUEPRINTS];
    fixture.environments.dev.projects = [
      ...Object.entries(ROLES).map(([name, smusProjectRoleArn]) => ({
        name,
        profile: 'genai-full',
        smusProjectRoleArn,
      })),
      { name: 'plain', profile: 'genai-full' },
    ];
  });
  const out = mkdtempSync(join(tmpdir(), 'project-role-grants-'));
  try {
    const stacks = planStacks(loadApps(join(ROOT, 'apps'), BLUEPRINTS), config, {
      environments: ['dev'],
    });
    synthesizeStacks(stacks, out);
    return new Map(
      stacks.map((stack) => {
        const json = JSON.parse(
          readFileSync(join(out, 'stacks', stack.name, 'cdk.tf.json'), 'utf8'),
        ) as { resource?: Resources };
        return [stack.name, json.resource ?? {}];
      }),
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Resources every project shares, each narrowed by its statement to what the project may do. */
function sharedResourceIsNarrowed(resource: string, statement: Statement): boolean {
  // The platform key, only through S3 and only the key of the platform alias.
  if (/^arn:aws:kms:eu-west-1:111111111111:key\/\*$/.test(resource))
    return Boolean(statement.Condition?.StringEquals?.['kms:ViaService']);
  // The Glue catalog itself: every table read names its database too.
  if (resource === 'arn:aws:glue:eu-west-1:111111111111:catalog') return true;
  // The base model, only when reached through the project's inference profile.
  if (resource.includes('::foundation-model/'))
    return Boolean(statement.Condition?.ArnEquals?.['bedrock:InferenceProfileArn']);
  return false;
}

describe('grants to SageMaker Unified Studio project roles, every blueprint', () => {
  const stacks = synthesizeDev();
  const stackOf = (app: string, project: string) => {
    const resources = stacks.get(`${app}-${project}-dev`);
    if (!resources) throw new Error(`no stack ${app}-${project}-dev`);
    return resources;
  };
  const attachments = (resources: Resources) =>
    Object.values(resources.aws_iam_role_policy_attachment ?? {});

  it.each(BLUEPRINTS.flatMap((app) => Object.keys(ROLES).map((project) => [app, project])))(
    "%s of %s grants its project role only that project's resources",
    (app, project) => {
      const resources = stackOf(app, project);
      const roleName = ROLES[project].split('/').pop();
      const toProjectRole = attachments(resources).filter(
        (attachment) => attachment.role === roleName,
      );
      expect(toProjectRole).toHaveLength(1);
      const policy = Object.values(resources.aws_iam_policy ?? {}).find(
        (candidate) => candidate.name === `genai-dev-${project}-${app}`,
      );
      expect(policy).toBeDefined();
      const statements = JSON.parse(policy?.policy as string).Statement as Statement[];
      expect(statements.length).toBeGreaterThan(0);
      const ownName = new RegExp(`${project}|${project.replace(/-/g, '_')}`);
      for (const statement of statements) {
        const list = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
        for (const resource of list) {
          // A reference is to a resource of this stack, which is this project's.
          const own = resource.startsWith('${') || ownName.test(resource);
          expect({
            resource,
            allowed: own || sharedResourceIsNarrowed(resource, statement),
          }).toEqual({ resource, allowed: true });
        }
      }
      const others = Object.keys(ROLES).filter((other) => other !== project);
      const text = JSON.stringify(resources);
      for (const other of [...others, 'plain']) expect(text).not.toContain(other);
    },
  );

  it.each(BLUEPRINTS)('%s of a project without a project role grants no project role', (app) => {
    const resources = stackOf(app, 'plain');
    expect(
      Object.keys(resources).flatMap((type) =>
        Object.keys(resources[type]).filter((name) => name.startsWith('ProjectRole')),
      ),
    ).toEqual([]);
    const roles = Object.values(ROLES).map((arn) => arn.split('/').pop() as string);
    for (const attachment of attachments(resources)) expect(roles).not.toContain(attachment.role);
  });
});
