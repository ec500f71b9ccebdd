import type { PlannedStack } from '@genai-sandbox/core';
import { join } from 'node:path';
import { deploymentOrder, stackDependencies } from '../src/deploy/order';
import {
  countLine,
  formatPlanSummary,
  hasChanges,
  summarizePlan,
} from '../src/deploy/plan-summary';
import { selectDeployStacks } from '../src/deploy/select';

const planned = (name: string, app: string, scope: 'account' | 'project', environment = 'dev') =>
  ({
    name,
    app: { name: app, scope, createStack: () => undefined },
    context: { environment: { name: environment } },
  }) as unknown as PlannedStack;

describe('deployment order', () => {
  const stacks = [
    planned('genai-bedrock-a-dev', 'genai-bedrock', 'project'),
    planned('foundation-dev', 'foundation', 'account'),
    planned('bootstrap-dev', 'bootstrap', 'account'),
    planned('foundation-test', 'foundation', 'account', 'test'),
    planned('inference-realtime-a-dev', 'inference-realtime', 'project'),
  ];

  it('puts bootstrap, then the account-level stacks, then the blueprints, keeping the order within each', () => {
    expect(deploymentOrder(stacks).map((stack) => stack.name)).toEqual([
      'bootstrap-dev',
      'foundation-dev',
      'foundation-test',
      'genai-bedrock-a-dev',
      'inference-realtime-a-dev',
    ]);
  });

  it("makes each blueprint depend on its own environment's foundation, and nothing on bootstrap", () => {
    const dependencies = stackDependencies(stacks);
    expect(dependencies.get('genai-bedrock-a-dev')).toEqual(['foundation-dev']);
    expect(dependencies.get('foundation-dev')).toEqual([]);
    expect(dependencies.get('bootstrap-dev')).toEqual([]);
  });
});

describe('plan summary', () => {
  const show = JSON.stringify({
    resource_changes: [
      { address: 'aws_s3_bucket.a', change: { actions: ['create'] } },
      { address: 'aws_kms_key.k', change: { actions: ['update'] } },
      {
        address: 'aws_vpc.v',
        change: { actions: ['delete', 'create'], replace_paths: [['cidr_block']] },
      },
      { address: 'aws_iam_role.r', change: { actions: ['delete'] } },
      { address: 'aws_sns_topic.t', change: { actions: ['no-op'] } },
    ],
    output_changes: { vpc_id: { actions: ['update'] }, same: { actions: ['no-op'] } },
  });

  it('lists additions, changes, replacements with their cause, and destructions by address', () => {
    const summary = summarizePlan(show);
    expect(countLine(summary)).toBe('1 to add, 1 to change, 1 to replace, 1 to destroy');
    expect(formatPlanSummary(summary).split('\n')).toEqual([
      '-/+ aws_vpc.v   REPLACED (forced by cidr_block)',
      '  - aws_iam_role.r   DESTROYED',
      '  + aws_s3_bucket.a',
      '  ~ aws_kms_key.k',
      '  ~ output vpc_id',
    ]);
    expect(hasChanges(summary)).toBe(true);
  });

  it('has no changes when every action is a no-op', () => {
    const summary = summarizePlan(
      JSON.stringify({ resource_changes: [{ address: 'x.y', change: { actions: ['no-op'] } }] }),
    );
    expect(hasChanges(summary)).toBe(false);
    expect(formatPlanSummary(summary)).toBe('');
  });
});

describe('the stacks deploy and diff work on in the shared-services account', () => {
  const root = join(__dirname, '..', '..', '..');
  const select = (apps?: string[]) =>
    selectDeployStacks(join(root, 'environments'), join(root, 'apps'), 'shared', { apps });

  it('are the shared-services stack, and its bootstrap only when --app names it', () => {
    const { stacks, filter } = select();
    expect(stacks.map((stack) => stack.name)).toEqual(['shared-services']);
    expect(filter.environments).toEqual(['shared']);
    expect(select(['bootstrap']).stacks.map((stack) => stack.name)).toEqual([
      'bootstrap-shared-services',
    ]);
  });
});
