import type { ProjectBlueprint } from '@genai-sandbox/config';
import { type DashboardWidget, type SearchMetric, searchWidget, textWidget } from './widgets';

/** What a blueprint's section needs to know to draw its project's metrics. */
export interface SectionContext {
  readonly region: string;
  readonly project: string;
  /** `<platform>-<env>-<project>`: every resource name of the project starts with it. */
  readonly namePrefix: string;
}

/** The widgets one blueprint contributes for one project, under a title. */
export interface DashboardSection {
  readonly title: string;
  readonly widgets: readonly DashboardWidget[];
}

export type SectionFactory = (context: SectionContext) => DashboardSection;

const MINUTE = 60;
const HOUR = 3600;

const endpointMetric = (
  context: SectionContext,
  metricName: string,
  stat: string,
  label: string,
  periodSeconds = MINUTE,
  dimensions: readonly string[] | undefined = ['EndpointName', 'VariantName'],
): SearchMetric => ({
  namespace: 'AWS/SageMaker',
  dimensions,
  metricName,
  contains: context.namePrefix,
  stat,
  periodSeconds,
  label,
});

/**
 * Sections of the design's dashboard, one per inference method. The blueprint that deploys the
 * method names its endpoints and jobs with the project prefix; the SEARCH expressions then find
 * them. A blueprint without a section here adds one with `registerDashboardSection`.
 */
const realtime: SectionFactory = (context) => ({
  title: 'Real-time inference',
  widgets: [
    searchWidget(context.region, 'Invocations per minute', [
      endpointMetric(context, 'Invocations', 'Sum', 'Invocations'),
    ]),
    searchWidget(context.region, 'Model latency p50 / p99 (microseconds)', [
      endpointMetric(context, 'ModelLatency', 'p50', 'p50'),
      endpointMetric(context, 'ModelLatency', 'p99', 'p99'),
    ]),
    searchWidget(context.region, '4xx / 5xx errors', [
      endpointMetric(context, 'Invocation4XXErrors', 'Sum', '4xx'),
      endpointMetric(context, 'Invocation5XXErrors', 'Sum', '5xx'),
    ]),
    // Auto scaling publishes no event metric; the target-tracking metric shows what drives it.
    searchWidget(context.region, 'Scaling: invocations per instance', [
      endpointMetric(context, 'InvocationsPerInstance', 'Sum', 'Per instance'),
    ]),
  ],
});

const serverless: SectionFactory = (context) => ({
  title: 'Serverless inference',
  widgets: [
    searchWidget(context.region, 'Invocations per minute', [
      endpointMetric(context, 'Invocations', 'Sum', 'Invocations'),
    ]),
    // ModelSetupTime is reported only when a new instance starts: each datapoint is a cold start.
    searchWidget(context.region, 'Cold starts', [
      endpointMetric(context, 'ModelSetupTime', 'SampleCount', 'Cold starts'),
      endpointMetric(context, 'ModelSetupTime', 'Average', 'Setup time (microseconds)'),
    ]),
  ],
});

/** Batch transform reports no job metrics; the batch blueprint publishes these itself. */
export const BATCH_METRICS_NAMESPACE = 'GenAISandbox/BatchInference';

const batch: SectionFactory = (context) => {
  const metric = (metricName: string, stat: string, label: string, period = HOUR) => ({
    namespace: BATCH_METRICS_NAMESPACE,
    dimensions: ['Project'],
    metricName,
    contains: context.project,
    stat,
    periodSeconds: period,
    label,
  });
  return {
    title: 'Batch inference',
    widgets: [
      searchWidget(context.region, 'Jobs running / completed', [
        metric('JobsRunning', 'Maximum', 'Running', 5 * MINUTE),
        metric('JobsCompleted', 'Sum', 'Completed'),
      ]),
      searchWidget(context.region, 'Records per hour', [
        metric('RecordsProcessed', 'Sum', 'Records'),
      ]),
    ],
  };
};

const asynchronous: SectionFactory = (context) => {
  const asyncMetric = (metricName: string, stat: string, label: string) =>
    // Asynchronous endpoints publish no Invocations; their metrics carry varying dimensions.
    endpointMetric(context, metricName, stat, label, MINUTE, undefined);
  return {
    title: 'Asynchronous inference',
    widgets: [
      searchWidget(context.region, 'Queue depth', [
        asyncMetric('ApproximateBacklogSize', 'Average', 'Backlog'),
      ]),
      searchWidget(context.region, 'Time per request (ms)', [
        asyncMetric('TotalProcessingTime', 'Average', 'Processing'),
        asyncMetric('TimeInBacklog', 'Average', 'In backlog'),
      ]),
      searchWidget(context.region, 'Success / failure', [
        asyncMetric('InvocationsProcessed', 'Sum', 'Succeeded'),
        asyncMetric('InvocationFailures', 'Sum', 'Failed'),
      ]),
    ],
  };
};

const registry = new Map<ProjectBlueprint, SectionFactory>([
  ['inference-realtime', realtime],
  ['inference-serverless', serverless],
  ['inference-batch', batch],
  ['inference-async', asynchronous],
]);

/**
 * Registers (or replaces) the dashboard section of a blueprint; the foundation dashboard draws it
 * for every project whose profile includes the blueprint. Returns a function that puts back what
 * was registered before (nothing, or the replaced section), for a test that registers its own.
 */
export function registerDashboardSection(
  blueprint: ProjectBlueprint,
  factory: SectionFactory,
): () => void {
  const previous = registry.get(blueprint);
  registry.set(blueprint, factory);
  return () => {
    if (previous) registry.set(blueprint, previous);
    else registry.delete(blueprint);
  };
}

/** The section of a blueprint, or undefined when it has none (it then adds nothing). */
export function dashboardSectionOf(blueprint: ProjectBlueprint): SectionFactory | undefined {
  return registry.get(blueprint);
}

/** A title row for a project's part of the dashboard. */
export function sectionHeader(project: string, section: DashboardSection): DashboardWidget {
  return textWidget(`### ${project}: ${section.title}`);
}
