import { testConfiguration } from '@genai-sandbox/core/testing';
import { PlatformBudgets, projectCostFilter } from '../src';
import { synth, TOPIC_ARN } from './helpers';

const config = testConfiguration((fixture) => {
  fixture.environments.dev.projects = [
    { name: 'fraud-detection', profile: 'genai-full' },
    { name: 'support-assistant', profile: 'genai-full' },
  ];
  fixture.environments.dev.observability = {
    budgets: {
      accountMonthlyUsd: 800,
      projectMonthlyUsd: 150,
      projectOverrides: { 'support-assistant': 40 },
      actualPercentages: [80, 100],
      forecastPercentages: [100],
    },
  };
});

describe('PlatformBudgets', () => {
  const { all, construct } = synth((stack) => new PlatformBudgets(stack, 'Budgets'), { config });
  const byName = Object.fromEntries(
    all('aws_budgets_budget').map((budget) => [budget.name as string, budget]),
  );

  it('creates an account budget and one per project, monthly in USD', () => {
    expect(Object.keys(byName).sort()).toEqual([
      'genai-dev-account-monthly',
      'genai-dev-project-fraud-detection-monthly',
      'genai-dev-project-support-assistant-monthly',
    ]);
    expect(byName['genai-dev-account-monthly']).toMatchObject({
      budget_type: 'COST',
      limit_amount: '800.00',
      limit_unit: 'USD',
      time_unit: 'MONTHLY',
    });
    expect(byName['genai-dev-account-monthly'].cost_filter).toBeUndefined();
    expect(byName['genai-dev-project-fraud-detection-monthly'].limit_amount).toBe('150.00');
    expect(byName['genai-dev-project-support-assistant-monthly'].limit_amount).toBe('40.00');
    expect(construct.accountBudgetName).toBe('genai-dev-account-monthly');
    expect(construct.projectBudgetNames.get('fraud-detection')).toBe(
      'genai-dev-project-fraud-detection-monthly',
    );
  });

  it('filters each project budget by its project cost-allocation tag', () => {
    expect(projectCostFilter('fraud-detection')).toEqual({
      name: 'TagKeyValue',
      values: ['user:project$fraud-detection'],
    });
    expect(byName['genai-dev-project-fraud-detection-monthly'].cost_filter).toEqual([
      { name: 'TagKeyValue', values: ['user:project$fraud-detection'] },
    ]);
    expect(byName['genai-dev-project-support-assistant-monthly'].cost_filter).toEqual([
      { name: 'TagKeyValue', values: ['user:project$support-assistant'] },
    ]);
  });

  it('notifies the alarm topic on actual and forecast spend at the configured percentages', () => {
    for (const budget of Object.values(byName)) {
      expect(
        (budget.notification as Record<string, unknown>[]).map((notification) => [
          notification.notification_type,
          notification.threshold,
          notification.threshold_type,
          notification.comparison_operator,
          notification.subscriber_sns_topic_arns,
        ]),
      ).toEqual([
        ['ACTUAL', 80, 'PERCENTAGE', 'GREATER_THAN', [TOPIC_ARN]],
        ['ACTUAL', 100, 'PERCENTAGE', 'GREATER_THAN', [TOPIC_ARN]],
        ['FORECASTED', 100, 'PERCENTAGE', 'GREATER_THAN', [TOPIC_ARN]],
      ]);
    }
  });

  it('fails when a budget given as a prop is 0', () => {
    expect(() =>
      synth(
        (stack) =>
          new PlatformBudgets(stack, 'Budgets', {
            budgets: {
              accountMonthlyUsd: 0,
              projectMonthlyUsd: 10,
              projectOverrides: {},
              actualPercentages: [100],
              forecastPercentages: [],
            },
          }),
      ),
    ).toThrow(/budgets.accountMonthlyUsd \(received 0\): expected a number above 0/);
  });
});
