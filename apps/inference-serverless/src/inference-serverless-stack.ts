import { SagemakerEndpoint } from '@cdktf/provider-aws/lib/sagemaker-endpoint';
import { SagemakerEndpointConfiguration } from '@cdktf/provider-aws/lib/sagemaker-endpoint-configuration';
import type { InferenceServerlessSettings, Release } from '@genai-sandbox/config';
import {
  addOutput,
  FoundationInputs,
  PlatformStack,
  type StackContext,
  assertProjectContext,
} from '@genai-sandbox/core';
import {
  endpointConfigNamePrefix,
  grantEndpointInvoke,
  InferenceApi,
  inferenceExecutionRole,
  InferenceModel,
  InferenceRouter,
  releaseOf,
} from '@genai-sandbox/inference';
import { EndpointErrorRateAlarm } from '@genai-sandbox/observability';
import {
  type ExternalRole,
  grantProjectMembers,
  PlatformKey,
  type ServiceRole,
} from '@genai-sandbox/security';
import { MlBucketReference } from '@genai-sandbox/storage';
import type { Construct } from 'constructs';

export const INFERENCE_SERVERLESS_APP = 'inference-serverless';
export const SERVERLESS_ROUTE = 'serverless';
/** The variant of a single-model endpoint; the error-rate alarm watches it. */
export const SERVERLESS_VARIANT = 'AllTraffic';

/**
 * Blueprint 3b, serverless inference, for one project: a serverless SageMaker endpoint of the
 * model package the release manifest pins (memory and concurrency from configuration; SageMaker
 * scales it, so there is no auto scaling), behind `POST /serverless` of the project's inference
 * API through the router function, with an error-rate alarm and the router's alarms. The
 * dashboard section (invocations, cold starts) is drawn by foundation's dashboard.
 *
 * Serverless endpoints support neither a VPC nor network isolation: the model runs outside the
 * platform VPC, reaching only what its execution role allows. Without a release the endpoint is
 * left out and synth says so; the route, router and alarms are deployed and name the endpoint
 * the first release will create.
 */
export class InferenceServerlessStack extends PlatformStack {
  readonly settings: InferenceServerlessSettings;
  readonly release?: Release;
  readonly endpointName: string;
  readonly router: InferenceRouter;
  readonly api: InferenceApi;
  readonly errorRateAlarm: EndpointErrorRateAlarm;
  readonly executionRole?: ServiceRole;
  readonly model?: InferenceModel;
  readonly endpointConfiguration?: SagemakerEndpointConfiguration;
  readonly endpoint?: SagemakerEndpoint;
  /** The project's SageMaker Unified Studio role, when configured: what its members get here. */
  readonly projectRole?: ExternalRole;

  constructor(scope: Construct, context: StackContext) {
    assertProjectContext(context, INFERENCE_SERVERLESS_APP);
    super(scope, { ...context, app: INFERENCE_SERVERLESS_APP });
    this.settings = context.environment.blueprints.inferenceServerless;
    const key = PlatformKey.fromEnvironment(this);
    const keyByArn = PlatformKey.fromKeyArn(
      FoundationInputs.of(this).platformKeyArn,
      key.aliasName,
    );
    this.endpointName = this.naming.name('sagemaker', SERVERLESS_ROUTE);
    this.release = releaseOf(this, INFERENCE_SERVERLESS_APP);

    this.router = new InferenceRouter(this, 'Router', {
      route: SERVERLESS_ROUTE,
      endpointName: this.endpointName,
      encryptionKey: keyByArn,
    });
    this.api = new InferenceApi(this, 'Api', {
      route: SERVERLESS_ROUTE,
      handler: this.router.function,
      encryptionKey: keyByArn,
      throttling: this.settings.api,
    });
    this.errorRateAlarm = new EndpointErrorRateAlarm(this, 'ErrorRateAlarm', {
      endpointName: this.endpointName,
      variantName: SERVERLESS_VARIANT,
    });

    if (this.release) {
      const release = this.release;
      this.executionRole = inferenceExecutionRole(this, 'ExecutionRole', {
        method: SERVERLESS_ROUTE,
        bucket: MlBucketReference.ofProject(this),
        modelPackageGroup: release.modelPackageGroup,
      });
      this.model = new InferenceModel(this, 'Model', {
        method: SERVERLESS_ROUTE,
        modelPackageArn: release.modelPackageArn,
        role: this.executionRole,
        networkIsolation: false,
      });
      const { memorySizeMb, maxConcurrency, provisionedConcurrency } = this.settings;
      this.endpointConfiguration = new SagemakerEndpointConfiguration(this, 'EndpointConfig', {
        // A prefix, not a name: a new configuration is created before the one in use is deleted.
        namePrefix: endpointConfigNamePrefix(this.endpointName),
        kmsKeyArn: key.aliasArn,
        productionVariants: [
          {
            variantName: SERVERLESS_VARIANT,
            modelName: this.model.modelName,
            serverlessConfig: {
              memorySizeInMb: memorySizeMb,
              maxConcurrency,
              provisionedConcurrency,
            },
          },
        ],
        lifecycle: { createBeforeDestroy: true },
      });
      this.endpoint = new SagemakerEndpoint(this, 'Endpoint', {
        name: this.endpointName,
        endpointConfigName: this.endpointConfiguration.name,
      });
    }
    this.projectRole = grantProjectMembers(this, [
      (role) => this.api.grantInvoke(role),
      (role) => grantEndpointInvoke(this, role, this.endpointName),
    ]);
    this.declareOutputs();
  }

  private declareOutputs(): void {
    addOutput(this, 'inference_url', {
      value: this.api.routeUrl,
      description: 'POST with SigV4 (execute-api:Invoke) to reach the serverless endpoint',
    });
    if (this.api.domainRouteUrl)
      addOutput(this, 'inference_domain_url', {
        value: this.api.domainRouteUrl,
        description: 'The same route on the project host of the inference domain',
      });
    addOutput(this, 'inference_route_arn', {
      value: this.api.routeArn,
      description: 'Resource of execute-api:Invoke for callers of the serverless route',
    });
    addOutput(this, 'endpoint_name', {
      value: this.endpointName,
      description: 'SageMaker serverless endpoint (exists once a release is deployed)',
    });
    addOutput(this, 'router_function_name', {
      value: this.router.function.functionName,
      description: 'Lambda function behind the serverless route',
    });
  }
}
