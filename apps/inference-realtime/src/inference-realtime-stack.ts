import {
  ML_BUCKET_LAYOUT,
  PRIMARY_VARIANT_NAME,
  type InferenceRealtimeSettings,
  type Release,
} from '@genai-sandbox/config';
import {
  addOutput,
  FoundationInputs,
  PlatformStack,
  type StackContext,
  assertProjectContext,
} from '@genai-sandbox/core';
import {
  DataQualityMonitor,
  grantEndpointInvoke,
  InferenceApi,
  inferenceExecutionRole,
  InferenceModel,
  InferenceRouter,
  releaseOf,
} from '@genai-sandbox/inference';
import {
  EndpointErrorRateAlarm,
  EndpointLatencyAlarm,
  IdleEndpointAlarm,
} from '@genai-sandbox/observability';
import {
  type ExternalRole,
  grantProjectMembers,
  PlatformKey,
  type ServiceRole,
} from '@genai-sandbox/security';
import { MlBucketReference } from '@genai-sandbox/storage';
import type { Construct } from 'constructs';
import { EndpointAutoScaling } from './endpoint-auto-scaling';
import { RealtimeEndpoint } from './realtime-endpoint';
import { RealtimeVariants } from './realtime-variants';

export const INFERENCE_REALTIME_APP = 'inference-realtime';
export const REALTIME_ROUTE = 'realtime';
/** One variant name kept across updates: blue/green deployments require it. */
export const REALTIME_VARIANT = PRIMARY_VARIANT_NAME;
export const DATA_CAPTURE_PREFIX = ML_BUCKET_LAYOUT.inference.realtimeLogs;
export const MONITORING_PREFIXES = {
  capture: DATA_CAPTURE_PREFIX,
  baseline: ML_BUCKET_LAYOUT.inference.realtimeMonitoringBaseline,
  reports: ML_BUCKET_LAYOUT.inference.realtimeMonitoringReports,
} as const;

/**
 * Blueprint 3a, real-time inference, for one project: an instance-based SageMaker endpoint of the
 * model package the release manifest pins, in the platform VPC with network isolation, capturing
 * requests and responses to the project bucket; updated blue/green with automatic rollback on the
 * error-rate (> 5 %) and p99 latency (> 2 s) alarms, which live in this stack and so in the
 * endpoint's account; auto scaling on invocations per instance with an optional scheduled
 * scale-down; an idle-endpoint alarm; and `POST /realtime` of the project's inference API through
 * the router function.
 *
 * Without a release the model, endpoint, scaling and idle alarm are left out and synth says so; the route,
 * router and alarms are deployed and name the endpoint the first release will create.
 */
export class InferenceRealtimeStack extends PlatformStack {
  readonly settings: InferenceRealtimeSettings;
  readonly release?: Release;
  readonly endpointName: string;
  readonly router: InferenceRouter;
  readonly api: InferenceApi;
  readonly errorRateAlarm: EndpointErrorRateAlarm;
  readonly latencyAlarm: EndpointLatencyAlarm;
  /** Only with a release: a missing endpoint is not idle (the alarm treats no data as idle). */
  readonly idleAlarm?: IdleEndpointAlarm;
  readonly executionRole?: ServiceRole;
  readonly model?: InferenceModel;
  readonly endpoint?: RealtimeEndpoint;
  readonly autoScaling?: EndpointAutoScaling;
  /** Only with a release and `modelMonitor` configured. */
  readonly monitor?: DataQualityMonitor;
  /** The project's SageMaker Unified Studio role, when configured: what its members get here. */
  readonly projectRole?: ExternalRole;

  constructor(scope: Construct, context: StackContext) {
    assertProjectContext(context, INFERENCE_REALTIME_APP);
    super(scope, { ...context, app: INFERENCE_REALTIME_APP });
    this.settings = context.environment.blueprints.inferenceRealtime;
    const key = PlatformKey.fromEnvironment(this);
    const inputs = FoundationInputs.of(this);
    const keyByArn = PlatformKey.fromKeyArn(inputs.platformKeyArn, key.aliasName);
    this.endpointName = this.naming.name('sagemaker', REALTIME_ROUTE);
    this.release = releaseOf(this, INFERENCE_REALTIME_APP);

    this.router = new InferenceRouter(this, 'Router', {
      route: REALTIME_ROUTE,
      endpointName: this.endpointName,
      encryptionKey: keyByArn,
    });
    this.api = new InferenceApi(this, 'Api', {
      route: REALTIME_ROUTE,
      handler: this.router.function,
      encryptionKey: keyByArn,
      throttling: this.settings.api,
    });
    const endpoint = { endpointName: this.endpointName, variantName: REALTIME_VARIANT };
    this.errorRateAlarm = new EndpointErrorRateAlarm(this, 'ErrorRateAlarm', endpoint);
    this.latencyAlarm = new EndpointLatencyAlarm(this, 'LatencyAlarm', endpoint);

    if (this.release) {
      const bucket = MlBucketReference.ofProject(this);
      this.executionRole = inferenceExecutionRole(this, 'ExecutionRole', {
        method: REALTIME_ROUTE,
        bucket,
        modelPackageGroup: this.release.modelPackageGroup,
        inVpc: true,
      });
      // SageMaker writes captured data as the endpoint's execution role; it only ever adds
      // objects (encrypted with the platform key, which the base execution statements cover).
      this.executionRole.addToPolicy({
        Sid: 'WriteDataCapture',
        Effect: 'Allow',
        Action: ['s3:PutObject'],
        Resource: `${bucket.bucketArn}/${DATA_CAPTURE_PREFIX}*`,
      });
      const vpc = {
        subnetIds: inputs.privateSubnetIds,
        securityGroupIds: [inputs.workloadSecurityGroupId],
      };
      this.model = new InferenceModel(this, 'Model', {
        method: REALTIME_ROUTE,
        modelPackageArn: this.release.modelPackageArn,
        role: this.executionRole,
        vpc,
      });
      const variants = new RealtimeVariants(this, 'Variants', {
        method: REALTIME_ROUTE,
        release: this.release,
        releaseModel: this.model,
        role: this.executionRole,
        vpc,
        settings: this.settings,
      });
      this.endpoint = new RealtimeEndpoint(this, 'Endpoint', {
        ...endpoint,
        modelName: this.model.modelName,
        settings: this.settings,
        dataCaptureUri: bucket.s3Uri(DATA_CAPTURE_PREFIX),
        kmsKeyArn: key.aliasArn,
        rollbackAlarms: [this.errorRateAlarm, this.latencyAlarm],
        abTest: variants.abTest,
        shadow: variants.shadow,
      });
      if (this.settings.modelMonitor)
        this.monitor = new DataQualityMonitor(this, 'Monitor', {
          method: REALTIME_ROUTE,
          endpointName: this.endpointName,
          endpoint: this.endpoint.endpoint,
          settings: this.settings.modelMonitor,
          bucket,
          prefixes: MONITORING_PREFIXES,
          kmsKeyArn: key.aliasArn,
          vpc,
        });
      this.idleAlarm = new IdleEndpointAlarm(this, 'IdleAlarm', endpoint);
      this.autoScaling = new EndpointAutoScaling(this, 'AutoScaling', {
        ...endpoint,
        settings: this.settings,
        endpoint: this.endpoint.endpoint,
      });
    }
    // Members call the endpoint directly or through the route, and read what it captured and
    // what Model Monitor reported.
    const bucket = MlBucketReference.ofProject(this);
    this.projectRole = grantProjectMembers(this, [
      (role) => this.api.grantInvoke(role),
      (role) => grantEndpointInvoke(this, role, this.endpointName),
      (role) => bucket.grantRead(role, MONITORING_PREFIXES.capture),
      (role) => bucket.grantRead(role, MONITORING_PREFIXES.reports),
    ]);
    this.declareOutputs();
  }

  private declareOutputs(): void {
    addOutput(this, 'inference_url', {
      value: this.api.routeUrl,
      description: 'POST with SigV4 (execute-api:Invoke) to reach the real-time endpoint',
    });
    if (this.api.domainRouteUrl)
      addOutput(this, 'inference_domain_url', {
        value: this.api.domainRouteUrl,
        description: 'The same route on the project host of the inference domain',
      });
    addOutput(this, 'inference_route_arn', {
      value: this.api.routeArn,
      description: 'Resource of execute-api:Invoke for callers of the real-time route',
    });
    addOutput(this, 'endpoint_name', {
      value: this.endpointName,
      description: 'SageMaker real-time endpoint (exists once a release is deployed)',
    });
    addOutput(this, 'router_function_name', {
      value: this.router.function.functionName,
      description: 'Lambda function behind the real-time route',
    });
  }
}
