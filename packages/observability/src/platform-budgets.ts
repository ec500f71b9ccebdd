import {
  BudgetsBudget,
  type BudgetsBudgetNotification,
} from '@cdktf/provider-aws/lib/budgets-budget';
import type { BudgetsConfig } from '@genai-sandbox/config';
import { checkName, ConstructEnvironment, platformDefault } from '@genai-sandbox/core';
import { Construct } from 'constructs';
import { type IAlarmTopic, PlatformAlarmTopic } from './alarm-topic';
import { positiveProblems, type PropProblem, throwIfProblems } from './validation';

export interface PlatformBudgetsProps {
  /** @default - `observability.budgets` of the environment */
  readonly budgets?: BudgetsConfig;
  /** @default - the projects of the environment */
  readonly projects?: readonly string[];
  /** @default - the platform alarm topic of the environment */
  readonly topic?: IAlarmTopic;
}

/** The cost-allocation tag the provider's default tags set on every resource (PlatformStack.tags). */
export const PROJECT_COST_TAG = 'project';

/**
 * The Budgets cost filter of one project: `TagKeyValue` with `user:<key>$<value>`, the form
 * Cost Explorer gives user-defined cost-allocation tags. The tag must be activated as a
 * cost-allocation tag in the billing console of the management account, or the budget stays 0.
 */
export function projectCostFilter(project: string): { name: string; values: string[] } {
  return { name: 'TagKeyValue', values: [`user:${PROJECT_COST_TAG}$${project}`] };
}

/**
 * Monthly AWS Budgets of the account and of each project (filtered by the `project` tag), each
 * notifying the alarm topic when actual spend, and when forecast spend, reaches the configured
 * percentages ("cost threshold exceeded" of the design).
 */
export class PlatformBudgets extends Construct {
  readonly accountBudgetName: string;
  /** Budget names by project. */
  readonly projectBudgetNames: ReadonlyMap<string, string>;

  constructor(scope: Construct, id: string, props: PlatformBudgetsProps = {}) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    const config =
      props.budgets ??
      platformDefault(this, 'budgets', (platform) => platform.environment.observability.budgets);
    const projects =
      props.projects ??
      platformDefault(this, 'projects', (platform) =>
        platform.environment.projects.map((project) => project.name),
      );
    const amountOf = (project: string) =>
      config.projectOverrides[project] ?? config.projectMonthlyUsd;
    const problems: PropProblem[] = [
      ...positiveProblems('budgets.accountMonthlyUsd', config.accountMonthlyUsd),
      ...projects.flatMap((project) => positiveProblems(`budget of ${project}`, amountOf(project))),
      ...[...config.actualPercentages, ...config.forecastPercentages].flatMap((percent) =>
        positiveProblems('budgets percentages', percent),
      ),
    ];
    throwIfProblems(this, 'PlatformBudgets', problems);

    const topicArn = (props.topic ?? PlatformAlarmTopic.fromEnvironment(this)).topicArn;
    const notifications: BudgetsBudgetNotification[] = [
      ...config.actualPercentages.map((threshold) => notification('ACTUAL', threshold, topicArn)),
      ...config.forecastPercentages.map((threshold) =>
        notification('FORECASTED', threshold, topicArn),
      ),
    ];
    // Budgets are per account, not per stack: names carry platform and environment.
    const prefix = `${stack.platform.name}-${stack.environment.name}`;
    const budget = (key: string, amount: number, project?: string) => {
      const name = checkName('budget', `${prefix}-${key}-monthly`);
      new BudgetsBudget(this, key, {
        name,
        budgetType: 'COST',
        limitAmount: amount.toFixed(2),
        limitUnit: 'USD',
        timeUnit: 'MONTHLY',
        costFilter: project ? [projectCostFilter(project)] : undefined,
        notification: notifications,
      });
      return name;
    };
    this.accountBudgetName = budget('account', config.accountMonthlyUsd);
    this.projectBudgetNames = new Map(
      projects.map((project) => [
        project,
        budget(`project-${project}`, amountOf(project), project),
      ]),
    );
  }
}

function notification(
  type: 'ACTUAL' | 'FORECASTED',
  threshold: number,
  topicArn: string,
): BudgetsBudgetNotification {
  return {
    notificationType: type,
    comparisonOperator: 'GREATER_THAN',
    threshold,
    thresholdType: 'PERCENTAGE',
    subscriberSnsTopicArns: [topicArn],
  };
}
