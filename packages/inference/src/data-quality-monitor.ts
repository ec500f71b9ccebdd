import { createHash } from 'node:crypto';
import { SagemakerDataQualityJobDefinition } from '@cdktf/provider-aws/lib/sagemaker-data-quality-job-definition';
import { SagemakerMonitoringSchedule } from '@cdktf/provider-aws/lib/sagemaker-monitoring-schedule';
import { type ModelMonitorSettings, modelMonitorAnalyzerImage } from '@genai-sandbox/config';
import { ConstructEnvironment, suppressPolicyRule } from '@genai-sandbox/core';
import { MODEL_MONITOR_METRIC_NAMESPACE, ModelDriftAlarm } from '@genai-sandbox/observability';
import { grantVpcNetworkInterfaces, ServiceRole } from '@genai-sandbox/security';
import type { IMlBucket } from '@genai-sandbox/storage';
import { DefaultTokenResolver, type ITerraformDependable, StringConcat, Tokenization } from 'cdktf';
import { Construct } from 'constructs';
import type { InferenceModelVpcProps } from './inference-model';

/** Bucket prefixes of one endpoint's monitoring, from ML_BUCKET_LAYOUT. */
export interface DataQualityMonitorPrefixes {
  /** Where the endpoint's data capture writes: the monitoring jobs' input. */
  readonly capture: string;
  /** `constraints.json` and `statistics.json` of the baseline. */
  readonly baseline: string;
  /** Where each execution writes its statistics and violations. */
  readonly reports: string;
}

export interface DataQualityMonitorProps {
  /** The inference method, part of the names: "realtime". */
  readonly method: string;
  /** The monitored endpoint, by name. */
  readonly endpointName: string;
  /** The endpoint resource: a job definition names an endpoint that exists. */
  readonly endpoint: ITerraformDependable;
  readonly settings: ModelMonitorSettings;
  /** The project's ML bucket. */
  readonly bucket: IMlBucket;
  readonly prefixes: DataQualityMonitorPrefixes;
  /** The platform key by alias ARN: job volumes and reports. */
  readonly kmsKeyArn: string;
  /** Private subnets and the workload security group, as the endpoint's model has. */
  readonly vpc: InferenceModelVpcProps;
}

/** Sids of the monitoring role's own statements. */
export const DATA_QUALITY_MONITOR_SIDS = {
  writeReports: 'WriteMonitoringReports',
  publishMetrics: 'PublishModelMonitorMetrics',
} as const;

/** The file names the analyzer reads from the baseline prefix. */
export const BASELINE_FILES = { constraints: 'constraints.json', statistics: 'statistics.json' };

/**
 * Model Monitor data quality of one endpoint: a job definition running SageMaker's analyzer image
 * of the region against the baseline under the project bucket (the captured requests as input,
 * reports to the bucket, the platform key on volumes and reports, in the platform VPC with network
 * isolation and encrypted traffic between instances), a monitoring schedule, a role that may only
 * read the captured data and the baseline, write the reports and publish Model Monitor's metrics,
 * and the drift alarm on those metrics.
 *
 * Why no VPC endpoint for CloudWatch: with network isolation the analyzer makes no network call;
 * it writes its metrics to /opt/ml/output/metrics/cloudwatch and SageMaker publishes them, as it
 * downloads the input and uploads the reports (the S3 gateway endpoint serves both). The image is
 * pulled by SageMaker with its own credentials, so the role needs no ECR access either.
 *
 * Job definitions cannot be updated, so the definition's name carries a hash of its settings and
 * a new one is created before the old one goes; the schedule (updatable) then names the new one.
 */
export class DataQualityMonitor extends Construct {
  readonly role: ServiceRole;
  readonly jobDefinition: SagemakerDataQualityJobDefinition;
  readonly schedule: SagemakerMonitoringSchedule;
  readonly scheduleName: string;
  readonly driftAlarm: ModelDriftAlarm;

  constructor(scope: Construct, id: string, props: DataQualityMonitorProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    const { settings, bucket, prefixes } = props;
    const image = modelMonitorAnalyzerImage(stack.region);
    if (!image)
      throw new Error(
        `DataQualityMonitor ${this.node.path}: no Model Monitor analyzer image is known for region ${stack.region}; remove blueprints.inferenceRealtime.modelMonitor from environments/${stack.environment.name}.json or add the region to MODEL_MONITOR_ANALYZER_REGISTRIES`,
      );
    this.role = this.monitoringRole(props);

    const baseline = bucket.s3Uri(prefixes.baseline);
    const definition = {
      dataQualityAppSpecification: {
        imageUri: image,
        // The analyzer writes the CloudWatch metrics the drift alarm watches only when asked to.
        environment: { publish_cloudwatch_metrics: 'Enabled' },
      },
      dataQualityBaselineConfig: {
        constraintsResource: { s3Uri: `${baseline}${BASELINE_FILES.constraints}` },
        statisticsResource: { s3Uri: `${baseline}${BASELINE_FILES.statistics}` },
      },
      dataQualityJobInput: {
        endpointInput: {
          endpointName: props.endpointName,
          localPath: '/opt/ml/processing/input/endpoint',
          s3InputMode: 'File',
          s3DataDistributionType: 'FullyReplicated',
        },
      },
      dataQualityJobOutputConfig: {
        kmsKeyId: props.kmsKeyArn,
        monitoringOutputs: {
          s3Output: {
            s3Uri: bucket.s3Uri(prefixes.reports),
            localPath: '/opt/ml/processing/output',
            s3UploadMode: 'EndOfJob',
          },
        },
      },
      jobResources: {
        clusterConfig: {
          instanceCount: settings.instanceCount,
          instanceType: settings.instanceType,
          volumeSizeInGb: settings.volumeSizeGb,
          volumeKmsKeyId: props.kmsKeyArn,
        },
      },
      networkConfig: {
        enableNetworkIsolation: true,
        enableInterContainerTrafficEncryption: true,
        vpcConfig: {
          subnets: [...props.vpc.subnetIds],
          securityGroupIds: [...props.vpc.securityGroupIds],
        },
      },
      stoppingCondition: { maxRuntimeInSeconds: settings.maxRuntimeSeconds },
    };
    // Hash what Terraform will read: references resolved to their expressions
    // ("${aws_iam_role.X.arn}"). The unresolved text holds token numbers, which depend on how many
    // tokens any code created before this one, so an unrelated change renamed (and replaced) the
    // definition.
    const resolved = Tokenization.resolve(definition, {
      scope: this,
      resolver: new DefaultTokenResolver(new StringConcat()),
    });
    const version = createHash('sha256').update(JSON.stringify(resolved)).digest('hex').slice(0, 8);
    this.jobDefinition = new SagemakerDataQualityJobDefinition(this, 'JobDefinition', {
      ...definition,
      name: stack.naming.name('sagemaker', props.method, 'dq', version),
      roleArn: this.role.roleArn,
      lifecycle: { createBeforeDestroy: true },
      // SageMaker checks the endpoint and the role when the definition is created.
      dependsOn: [props.endpoint, this.role.policy],
    });
    this.scheduleName = stack.naming.name('sagemaker', props.method, 'monitor');
    this.schedule = new SagemakerMonitoringSchedule(this, 'Schedule', {
      name: this.scheduleName,
      monitoringScheduleConfig: {
        monitoringJobDefinitionName: this.jobDefinition.name,
        monitoringType: 'DataQuality',
        scheduleConfig: { scheduleExpression: settings.scheduleExpression },
      },
    });
    this.driftAlarm = new ModelDriftAlarm(this, 'DriftAlarm', {
      endpointName: props.endpointName,
      monitoringScheduleName: this.scheduleName,
      features: settings.features,
    });
  }

  /**
   * The role the monitoring jobs run as: base execution (its log groups, the platform key), the
   * network interfaces of its jobs in the VPC, reading the captured data and the baseline, adding
   * reports (never reading or deleting them), and putting metrics in Model Monitor's namespace
   * only.
   */
  private monitoringRole(props: DataQualityMonitorProps): ServiceRole {
    const stack = ConstructEnvironment.of(this);
    const role = new ServiceRole(this, 'Role', {
      purpose: `${props.method}-monitor`,
      description: `Model Monitor jobs of the ${props.method} endpoint of ${stack.projectName ?? stack.environment.name}: captured data in, reports and metrics out`,
      service: 'sagemaker.amazonaws.com',
    });
    role.grantBaseExecution();
    grantVpcNetworkInterfaces(this, role);
    props.bucket.grantRead(role, props.prefixes.capture);
    props.bucket.grantRead(role, props.prefixes.baseline);
    role.addToPolicy({
      Sid: DATA_QUALITY_MONITOR_SIDS.writeReports,
      Effect: 'Allow',
      Action: ['s3:PutObject'],
      Resource: `${props.bucket.bucketArn}/${props.prefixes.reports}*`,
    });
    // PutMetricData names no resource; the namespace key is what limits it.
    role.addToPolicy({
      Sid: DATA_QUALITY_MONITOR_SIDS.publishMetrics,
      Effect: 'Allow',
      Action: ['cloudwatch:PutMetricData'],
      Resource: '*',
      Condition: { StringEquals: { 'cloudwatch:namespace': MODEL_MONITOR_METRIC_NAMESPACE } },
    });
    suppressPolicyRule(
      role.policy,
      'iam-no-wildcard-resource-for-writes',
      `Only statement ${DATA_QUALITY_MONITOR_SIDS.publishMetrics}: cloudwatch:PutMetricData publishes metrics, which have no ARN (its optional "dataset" resource is for OTLP datasets, not metrics); the cloudwatch:namespace condition limits it to ${MODEL_MONITOR_METRIC_NAMESPACE}. Every other statement names its bucket prefixes, log groups, key or VPC.`,
    );
    return role;
  }
}
