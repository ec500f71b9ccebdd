/**
 * The registry account of SageMaker's prebuilt Model Monitor analyzer image
 * (`sagemaker-model-monitor-analyzer`) per region: the account IDs AWS documents under "Docker
 * Registry Paths and Example Code", Model Monitor (algorithm), which the SageMaker Python SDK's
 * `image_uris.retrieve("model-monitor", region)` returns too. The image is AWS's own and pulled
 * by SageMaker with service credentials, so the platform's ECR rule (images only from the
 * environment's repositories) concerns model images, not this one. A region missing here is
 * refused in configuration rather than guessed.
 */
export const MODEL_MONITOR_ANALYZER_REGISTRIES = {
  'ap-east-1': '001633400207',
  'ap-northeast-1': '574779866223',
  'ap-northeast-2': '709848358524',
  'ap-south-1': '126357580389',
  'ap-southeast-1': '245545462676',
  'ap-southeast-2': '563025443158',
  'ca-central-1': '536280801234',
  'eu-central-1': '048819808253',
  'eu-north-1': '895015795356',
  'eu-west-1': '468650794304',
  'eu-west-2': '749857270468',
  'eu-west-3': '680080141114',
  'me-south-1': '607024016150',
  'sa-east-1': '539772159869',
  'us-east-1': '156813124566',
  'us-east-2': '777275614652',
  'us-west-1': '890145073186',
  'us-west-2': '159807026194',
} as const satisfies Readonly<Record<string, string>>;

export type ModelMonitorRegion = keyof typeof MODEL_MONITOR_ANALYZER_REGISTRIES;

export const MODEL_MONITOR_ANALYZER_REPOSITORY = 'sagemaker-model-monitor-analyzer';

export function isModelMonitorRegion(region: string): region is ModelMonitorRegion {
  return Object.hasOwn(MODEL_MONITOR_ANALYZER_REGISTRIES, region);
}

/** `<account>.dkr.ecr.<region>.amazonaws.com/sagemaker-model-monitor-analyzer`, or undefined. */
export function modelMonitorAnalyzerImage(region: string): string | undefined {
  if (!isModelMonitorRegion(region)) return undefined;
  const account = MODEL_MONITOR_ANALYZER_REGISTRIES[region];
  return `${account}.dkr.ecr.${region}.amazonaws.com/${MODEL_MONITOR_ANALYZER_REPOSITORY}`;
}
