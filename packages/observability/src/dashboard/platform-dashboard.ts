import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { INFERENCE_BLUEPRINTS, type ProjectBlueprint } from '@genai-sandbox/config';
import { ConstructEnvironment, platformDefault } from '@genai-sandbox/core';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { type DashboardSection, dashboardSectionOf, sectionHeader } from './sections';
import { alarmWidget, type DashboardWidget, layOut, textWidget } from './widgets';

export interface PlatformDashboardProps {
  /**
   * Blueprints whose sections are drawn, in order.
   * @default - `observability.dashboard.blueprints` of a PlatformStack, else every blueprint of the projects
   */
  readonly blueprints?: readonly ProjectBlueprint[];
  /**
   * The projects of the account and the blueprints each deploys, one section per blueprint.
   * @default - the environment's projects and their profiles' blueprints in a PlatformStack; required in another stack
   */
  readonly projects?: readonly DashboardProject[];
}

/** A project of the dashboard: its name and the blueprints its stacks deploy. */
export interface DashboardProject {
  readonly name: string;
  readonly blueprints: readonly ProjectBlueprint[];
}

/**
 * The unified dashboard of an account and environment (one, created by foundation): the
 * account's own alarms and widgets first, then for every project each inference method its
 * profile deploys, side by side with the metrics of the design. Sections come from the
 * blueprints present in configuration, never from a fixed list, and widgets find resources by
 * name prefix, so the dashboard shows what exists even before any inference stack is deployed.
 * Constructs of the same stack add widgets and alarms until synthesis.
 */
export class PlatformDashboard extends Construct {
  readonly dashboardName: string;
  private readonly accountWidgets: DashboardWidget[] = [];
  private readonly alarmArns: string[] = [];
  private readonly sections: { project: string; section: DashboardSection }[] = [];

  constructor(scope: Construct, id: string, props: PlatformDashboardProps = {}) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    this.dashboardName = stack.naming.name('cloudwatch-dashboard', 'overview');
    const wanted =
      props.blueprints ??
      platformDefault(
        this,
        'blueprints',
        (platform) => platform.environment.observability.dashboard.blueprints,
        undefined,
      );
    const projects =
      props.projects ??
      platformDefault(this, 'projects', ({ config, environment }) =>
        environment.projects.map((project) => ({
          name: project.name,
          blueprints: config.platform.profiles[project.profile]?.blueprints ?? [],
        })),
      );
    for (const project of projects) {
      const deployed = project.blueprints;
      const order = wanted ?? [...INFERENCE_BLUEPRINTS, ...deployed];
      for (const blueprint of [...new Set(order)].filter((name) => deployed.includes(name))) {
        const factory = dashboardSectionOf(blueprint);
        if (!factory) continue;
        this.sections.push({
          project: project.name,
          section: factory({
            region: stack.region,
            project: project.name,
            namePrefix: `${stack.platform.name}-${stack.environment.name}-${project.name}`,
          }),
        });
      }
    }
    new CloudwatchDashboard(this, 'Resource', {
      dashboardName: this.dashboardName,
      dashboardBody: Lazy.stringValue({ produce: () => this.render() }),
    });
  }

  /** Adds widgets to the account part of the dashboard, above the projects. */
  addAccountWidgets(...widgets: DashboardWidget[]): void {
    this.accountWidgets.push(...widgets);
  }

  /** Shows alarms (by ARN) in the alarm-status widget at the top. */
  addAlarms(...alarmArns: string[]): void {
    this.alarmArns.push(...alarmArns);
  }

  /** The dashboard body as CloudWatch expects it, laid out on the 24-unit grid. */
  render(): string {
    const stack = ConstructEnvironment.of(this);
    const widgets: DashboardWidget[] = [
      textWidget(
        `## GenAI sandbox ${stack.environment.name} (account ${stack.accountId}, ${stack.region})`,
      ),
      ...(this.alarmArns.length > 0
        ? [alarmWidget(stack.region, 'Platform alarms', this.alarmArns)]
        : []),
      ...this.accountWidgets,
      ...this.sections.flatMap(({ project, section }) => [
        sectionHeader(project, section),
        ...section.widgets,
      ]),
    ];
    return JSON.stringify({ widgets: layOut(widgets) });
  }
}
