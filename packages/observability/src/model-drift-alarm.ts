import type { Construct } from 'constructs';
import type { IAlarmTopic } from './alarm-topic';
import { type MetricSpec, PlatformAlarm } from './platform-alarm';
import { thresholdsOf } from './thresholds';
import { throwIfProblems } from './validation';

export interface ModelDriftAlarmProps {
  /** The monitored endpoint. */
  readonly endpointName: string;
  /** The Model Monitor data-quality schedule of the endpoint. */
  readonly monitoringScheduleName: string;
  /** Features whose `feature_baseline_drift_<feature>` metric is watched (1 to 10). */
  readonly features: readonly string[];
  /** @default - `observability.thresholds.driftDistance` (0.1) */
  readonly threshold?: number;
  /**
   * Where the monitoring container publishes (baseline constraints with `emit_metrics` enabled).
   * @default 'aws/sagemaker/Endpoints/data-metrics'
   */
  readonly namespace?: string;
  /** @default - the platform alarm topic of the environment */
  readonly topic?: IAlarmTopic;
}

/** Where Model Monitor's analyzer publishes the metrics of a real-time endpoint's schedules. */
export const MODEL_MONITOR_METRIC_NAMESPACE = 'aws/sagemaker/Endpoints/data-metrics';

/** Metric math allows 10 metrics per alarm. */
const MAX_FEATURES = 10;

/**
 * Model drift detected: the largest baseline drift Model Monitor reports for the watched
 * features exceeds the threshold. Hourly datapoints. Missing data is `ignore`: monitoring
 * executions run on a schedule (hourly at most), so between runs the alarm keeps its state
 * instead of recovering or firing on silence.
 */
export class ModelDriftAlarm extends PlatformAlarm {
  constructor(scope: Construct, id: string, props: ModelDriftAlarmProps) {
    const threshold = props.threshold ?? thresholdsOf(scope, 'threshold').driftDistance;
    const metrics: Record<string, MetricSpec> = {};
    props.features.slice(0, MAX_FEATURES).forEach((feature, index) => {
      metrics[`drift${index}`] = {
        namespace: props.namespace ?? MODEL_MONITOR_METRIC_NAMESPACE,
        metricName: `feature_baseline_drift_${feature}`,
        dimensions: {
          Endpoint: props.endpointName,
          MonitoringSchedule: props.monitoringScheduleName,
        },
        stat: 'Maximum',
      };
    });
    super(scope, id, {
      purpose: [props.endpointName, 'drift'],
      description: `Model Monitor schedule ${props.monitoringScheduleName} measured a baseline drift above ${threshold} on endpoint ${props.endpointName}. Read the violations report of the last execution; retrain or update the baseline.`,
      periodSeconds: 3600,
      evaluationPeriods: 1,
      comparisonOperator: 'GreaterThanThreshold',
      threshold,
      treatMissingData: 'ignore',
      math: {
        metrics,
        expression: `MAX([${Object.keys(metrics).join(', ')}])`,
        label: 'Largest feature drift',
      },
      topic: props.topic,
    });
    throwIfProblems(
      this,
      'ModelDriftAlarm',
      props.features.length >= 1 && props.features.length <= MAX_FEATURES
        ? []
        : [
            {
              prop: 'features',
              received: props.features,
              message: `name 1 to ${MAX_FEATURES} features (CloudWatch metric math takes ${MAX_FEATURES} metrics per alarm); add alarms for more`,
            },
          ],
    );
  }
}
