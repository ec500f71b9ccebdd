import { grantInferenceTargets, PlatformFunction } from '@genai-sandbox/compute';
import type { PolicyStatement } from '@genai-sandbox/core';
import { functionSource, type RoutingSetting, routingEnvironment } from '@genai-sandbox/functions';
import { LambdaAlarms } from '@genai-sandbox/observability';
import type { IKey } from '@genai-sandbox/security';
import { Construct } from 'constructs';

export interface InferenceRouterProps {
  /** The route, also the function's purpose prefix: "realtime", "serverless". */
  readonly route: string;
  /** The SageMaker endpoint the route serves (known by name before it exists). */
  readonly endpointName: string;
  /** The platform key by its ARN (Lambda's kms_key_arn takes no alias). */
  readonly encryptionKey: IKey;
}

/**
 * The inference router of one route: the `inference-router` handler with a routing setting that
 * names only this blueprint's endpoint, a role that may invoke exactly that endpoint, and alarms
 * on its errors and throttles. The API is its only caller.
 */
export class InferenceRouter extends Construct {
  readonly function: PlatformFunction;
  readonly setting: RoutingSetting;
  /** What grantInferenceTargets added to the function's role. */
  readonly targetStatements: readonly PolicyStatement[];
  readonly alarms: LambdaAlarms;

  constructor(scope: Construct, id: string, props: InferenceRouterProps) {
    super(scope, id);
    this.setting = {
      defaultRoute: props.route,
      routes: { [props.route]: { kind: 'sagemaker-endpoint', endpointName: props.endpointName } },
    };
    this.function = new PlatformFunction(this, 'Function', {
      purpose: `${props.route}-router`,
      description: `Routes POST /${props.route} of the inference API to SageMaker endpoint ${props.endpointName}`,
      source: functionSource('inference-router'),
      encryptionKey: props.encryptionKey,
      environment: routingEnvironment(this.setting),
      // API Gateway waits 29 s; the handler's own budget (25 s with retries) ends first.
      timeoutSeconds: 29,
    });
    this.targetStatements = grantInferenceTargets(this, this.function.role, this.setting);
    this.alarms = new LambdaAlarms(this, 'Alarms', { functionName: this.function.functionName });
  }
}
