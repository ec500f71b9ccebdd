/**
 * The folders of a project's single ML bucket. Constructs, blueprints and the tools refer to
 * prefixes through this object rather than typing strings, so the layout lives in one place.
 * Every prefix ends with "/".
 */
export const ML_BUCKET_LAYOUT = {
  data: {
    raw: 'data/raw/',
    processed: 'data/processed/',
    features: 'data/features/',
  },
  artifacts: {
    models: 'artifacts/models/',
    bedrockCustomized: 'artifacts/models/bedrock-customized/',
    sagemakerFinetuned: 'artifacts/models/sagemaker-finetuned/',
    sagemakerCustom: 'artifacts/models/sagemaker-custom/',
    trainingOutputs: 'artifacts/training-outputs/',
    checkpoints: 'artifacts/checkpoints/',
  },
  inference: {
    realtimeLogs: 'inference/realtime/logs/',
    /** Model Monitor's baseline (constraints.json, statistics.json) of the real-time endpoint. */
    realtimeMonitoringBaseline: 'inference/realtime/monitoring/baseline/',
    /** Model Monitor's reports (statistics, violations) per monitoring execution. */
    realtimeMonitoringReports: 'inference/realtime/monitoring/reports/',
    serverlessLogs: 'inference/serverless/logs/',
    batchInput: 'inference/batch/input/',
    batchOutput: 'inference/batch/output/',
    asyncInput: 'inference/async/input/',
    asyncOutput: 'inference/async/output/',
    asyncFailures: 'inference/async/failures/',
  },
  configs: {
    preprocessing: 'configs/preprocessing/',
    training: 'configs/training/',
    inference: 'configs/inference/',
  },
  logs: {
    root: 'logs/',
    preprocessing: 'logs/preprocessing/',
    training: 'logs/training/',
    inference: 'logs/inference/',
  },
} as const;

/** Every leaf prefix of the layout, sorted; each gets a folder marker so SMUS users see the tree. */
export const ML_BUCKET_FOLDERS: readonly string[] = (() => {
  const all = Object.values(ML_BUCKET_LAYOUT).flatMap((group) => Object.values(group) as string[]);
  return [...new Set(all)]
    .filter((prefix) => !all.some((other) => other !== prefix && other.startsWith(prefix)))
    .sort();
})();
