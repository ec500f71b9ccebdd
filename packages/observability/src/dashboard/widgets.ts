/**
 * CloudWatch dashboard widgets as typed values, rendered into the dashboard body JSON. Metric
 * widgets use SEARCH expressions over a name prefix, so they show whatever endpoints and jobs
 * of a project exist now and later, without naming them at synth time.
 */
export interface DashboardWidget {
  readonly type: 'metric' | 'text' | 'alarm';
  readonly width: number;
  readonly height: number;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** The grid is 24 units wide; the builder lays widgets out left to right. */
export const DASHBOARD_WIDTH = 24;

export function textWidget(markdown: string, width = DASHBOARD_WIDTH, height = 1): DashboardWidget {
  return { type: 'text', width, height, properties: { markdown } };
}

export interface SearchMetric {
  readonly namespace: string;
  /**
   * The exact dimension set (`{Namespace,Dimension,...}` schema of the SEARCH).
   * @default - any dimensions, for metrics whose dimension set varies
   */
  readonly dimensions?: readonly string[];
  readonly metricName: string;
  /** Dimension values must contain this (a project's naming prefix); @default - no filter */
  readonly contains?: string;
  readonly stat: string;
  readonly periodSeconds: number;
  readonly label: string;
}

/** `SEARCH('{schema} MetricName="name" "prefix"', 'stat', period)`, as a metric-widget expression. */
export function searchExpression(metric: SearchMetric): string {
  const scope = metric.dimensions
    ? `{${[metric.namespace, ...metric.dimensions].join(',')}}`
    : `Namespace="${metric.namespace}"`;
  const terms = [scope, `MetricName="${metric.metricName}"`];
  if (metric.contains) terms.push(`"${metric.contains}"`);
  return `SEARCH('${terms.join(' ')}', '${metric.stat}', ${metric.periodSeconds})`;
}

export function searchWidget(
  region: string,
  title: string,
  metrics: readonly SearchMetric[],
  options: { width?: number; height?: number; stacked?: boolean } = {},
): DashboardWidget {
  return {
    type: 'metric',
    width: options.width ?? 8,
    height: options.height ?? 6,
    properties: {
      title,
      region,
      view: 'timeSeries',
      stacked: options.stacked ?? false,
      metrics: metrics.map((metric, index) => [
        { expression: searchExpression(metric), id: `s${index}`, label: metric.label },
      ]),
    },
  };
}

export function alarmWidget(
  region: string,
  title: string,
  alarmArns: readonly string[],
): DashboardWidget {
  return {
    type: 'alarm',
    width: DASHBOARD_WIDTH,
    height: Math.max(2, Math.ceil(alarmArns.length / 4) + 1),
    properties: { title, region, alarms: [...alarmArns], sortBy: 'stateUpdatedTimestamp' },
  };
}

/** Places widgets left to right, wrapping at the grid width, as the dashboard body wants them. */
export function layOut(widgets: readonly DashboardWidget[]): Record<string, unknown>[] {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  return widgets.map((widget) => {
    if (x + widget.width > DASHBOARD_WIDTH) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const placed = { ...widget, x, y };
    x += widget.width;
    rowHeight = Math.max(rowHeight, widget.height);
    return placed;
  });
}
