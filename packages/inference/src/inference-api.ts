import { ApiGatewayAuthorizer } from '@cdktf/provider-aws/lib/api-gateway-authorizer';
import { ApiGatewayBasePathMapping } from '@cdktf/provider-aws/lib/api-gateway-base-path-mapping';
import { ApiGatewayDeployment } from '@cdktf/provider-aws/lib/api-gateway-deployment';
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayMethodSettings } from '@cdktf/provider-aws/lib/api-gateway-method-settings';
import { ApiGatewayModel } from '@cdktf/provider-aws/lib/api-gateway-model';
import { ApiGatewayRequestValidator } from '@cdktf/provider-aws/lib/api-gateway-request-validator';
import { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import { ApiGatewayUsagePlan } from '@cdktf/provider-aws/lib/api-gateway-usage-plan';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import type { PlatformFunction } from '@genai-sandbox/compute';
import {
  type InferenceApiSettings,
  type InferenceDomainSettings,
  inferenceHostName,
} from '@genai-sandbox/config';
import { ConstructEnvironment, platformDefault, type PolicyStatement } from '@genai-sandbox/core';
import { PlatformLogGroup } from '@genai-sandbox/observability';
import { addStatements, type IGrantable, type IKey } from '@genai-sandbox/security';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';

/** The stage every inference API serves; clients call `<invoke URL>/<route>`. */
export const INFERENCE_API_STAGE = 'v1';

/** What a caller needs for a route with IAM authorization (SigV4). */
export const EXECUTE_API_INVOKE_ACTIONS = ['execute-api:Invoke'] as const;

/** Route names: one path segment, lower-case kebab (`realtime`, `serverless`, `batch`, `async`). */
const ROUTE = /^[a-z][a-z0-9-]{0,62}$/;

/** Fields of every access log line; never the request or response body. */
export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  extendedRequestId: '$context.extendedRequestId',
  requestTime: '$context.requestTime',
  sourceIp: '$context.identity.sourceIp',
  caller: '$context.identity.caller',
  userArn: '$context.identity.userArn',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  status: '$context.status',
  responseLength: '$context.responseLength',
  integrationLatency: '$context.integration.latency',
  integrationStatus: '$context.integration.status',
  errorMessage: '$context.error.message',
  xrayTraceId: '$context.xrayTraceId',
});

export interface InferenceApiProps {
  /** The route this API serves, one path segment such as "realtime". */
  readonly route: string;
  /** The router function behind the route (AWS_PROXY integration). */
  readonly handler: PlatformFunction;
  /** Key of the access log group: the platform key by its ARN. */
  readonly encryptionKey: IKey;
  /**
   * The blueprint's `api` settings: throttling of the stage and the usage plan, and when set the
   * Cognito authorizer that replaces IAM and the web ACL associated with the stage.
   */
  readonly throttling: InferenceApiSettings;
  /** Callers must also send an API key of the usage plan, on top of IAM. @default false */
  readonly apiKeyRequired?: boolean;
  /**
   * The inference domain whose project host maps this API at `/<route>`.
   * @default - `blueprints.inferenceDomain` of a PlatformStack's environment; none in another stack
   */
  readonly inferenceDomain?: InferenceDomainSettings;
}

/**
 * The regional REST API of one inference blueprint of a project: `POST /<route>` signed with
 * SigV4 (IAM authorization: callers need execute-api:Invoke on this route), a request validator
 * and a JSON-object body model, the router function behind it as a Lambda proxy, one stage with
 * JSON access logs (never bodies) in a platform log group and X-Ray tracing, method throttling
 * and a usage plan.
 *
 * Every blueprint stack owns its API: a REST API whose resources live in several Terraform states
 * cannot be deployed correctly (a deployment snapshots every route of the API, so one stack's
 * apply would publish or withdraw another's routes). When the environment configures
 * `blueprints.inferenceDomain`, the project's host (created by the foundation stack) maps this
 * API under its route, and `POST /` answers too, so clients call `https://<host>/<route>`; no
 * stack touches another's mapping. Options from the `api` settings: a Cognito user pool
 * authorizer instead of IAM, and the association of a regional WAF web ACL with the stage.
 */
export class InferenceApi extends Construct {
  readonly restApi: ApiGatewayRestApi;
  readonly stage: ApiGatewayStage;
  readonly method: ApiGatewayMethod;
  readonly usagePlan: ApiGatewayUsagePlan;
  readonly accessLogs: PlatformLogGroup;
  /** `https://<api>.execute-api.<region>.amazonaws.com/v1/<route>`. */
  readonly routeUrl: string;
  /** `arn:aws:execute-api:<region>:<account>:<api>/v1/POST/<route>`: the resource of execute-api:Invoke. */
  readonly routeArn: string;
  /** The Cognito authorizer, when configured instead of IAM. */
  readonly authorizer?: ApiGatewayAuthorizer;
  /** The stage's web ACL association, when configured. */
  readonly webAclAssociation?: Wafv2WebAclAssociation;
  /** The mapping under the project's host, when the environment has an inference domain. */
  readonly basePathMapping?: ApiGatewayBasePathMapping;
  /** `https://<host>/<route>`, when the environment has an inference domain. */
  readonly domainRouteUrl?: string;
  /** The method resources callers invoke: the route, and the API's root under the project host. */
  private readonly invokeArns: readonly string[];

  constructor(scope: Construct, id: string, props: InferenceApiProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    const { route, throttling } = props;
    if (!ROUTE.test(route))
      throw new Error(
        `InferenceApi ${this.node.path}: route "${route}" is not one lower-case path segment (a-z, 0-9, -; up to 63); use a name such as "realtime"`,
      );
    const name = stack.naming.name('api-gateway', 'inference', route);
    this.restApi = new ApiGatewayRestApi(this, 'Resource', {
      name,
      description: `Inference API of ${stack.projectName ?? stack.environment.name}: POST /${route}`,
      endpointConfiguration: { types: ['REGIONAL'] },
    });
    const restApiId = this.restApi.id;
    const resource = new ApiGatewayResource(this, 'Route', {
      restApiId,
      parentId: this.restApi.rootResourceId,
      pathPart: route,
    });
    const validator = new ApiGatewayRequestValidator(this, 'Validator', {
      restApiId,
      name: 'body-and-parameters',
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    // The router checks the payload's fields itself; the API refuses what is not a JSON object.
    const model = new ApiGatewayModel(this, 'RequestModel', {
      restApiId,
      name: 'InferenceRequest',
      contentType: 'application/json',
      schema: JSON.stringify({
        $schema: 'http://json-schema.org/draft-04/schema#',
        title: 'InferenceRequest',
        type: 'object',
      }),
    });
    const cognito = throttling.cognito;
    if (cognito)
      this.authorizer = new ApiGatewayAuthorizer(this, 'CognitoAuthorizer', {
        restApiId,
        name: 'cognito-user-pools',
        type: 'COGNITO_USER_POOLS',
        providerArns: [...cognito.userPoolArns],
        identitySource: 'method.request.header.Authorization',
      });
    const domain =
      props.inferenceDomain ??
      platformDefault(
        this,
        'inferenceDomain',
        (platform) => platform.environment.blueprints.inferenceDomain,
        undefined,
      );
    const host =
      domain && stack.projectName ? inferenceHostName(domain, stack.projectName) : undefined;
    // Under the project's host the API is mapped at /<route>, where its root resource answers.
    const targets = [
      { id: '', resourceId: resource.id },
      ...(host ? [{ id: 'Root', resourceId: this.restApi.rootResourceId }] : []),
    ];
    const parts = targets.map(({ id, resourceId }) => {
      const method = new ApiGatewayMethod(this, `${id}Method`, {
        restApiId,
        resourceId,
        httpMethod: 'POST',
        authorization: this.authorizer ? 'COGNITO_USER_POOLS' : 'AWS_IAM',
        authorizerId: this.authorizer?.id,
        authorizationScopes: cognito?.scopes ? [...cognito.scopes] : undefined,
        apiKeyRequired: props.apiKeyRequired ?? false,
        requestValidatorId: validator.id,
        requestModels: { 'application/json': model.name },
      });
      const integration = new ApiGatewayIntegration(this, `${id}Integration`, {
        restApiId,
        resourceId,
        httpMethod: method.httpMethod,
        type: 'AWS_PROXY',
        integrationHttpMethod: 'POST',
        uri: props.handler.resource.invokeArn,
        timeoutMilliseconds: 29_000,
      });
      return { method, integration };
    });
    this.method = parts[0].method;
    // A deployment is a snapshot: a new one whenever a part of the route changes, created before
    // the old one goes so the stage never points at nothing.
    const deployment = new ApiGatewayDeployment(this, 'Deployment', {
      restApiId,
      description: `POST /${route}`,
      triggers: {
        redeployment: Fn.sha1(
          Fn.jsonencode([
            resource.id,
            validator.id,
            model.id,
            model.schema,
            ...(this.authorizer ? [this.authorizer.id, this.authorizer.providerArns] : []),
            ...parts.flatMap(({ method, integration }) => [
              method.id,
              method.authorization,
              method.apiKeyRequired,
              integration.id,
              integration.uri,
            ]),
          ]),
        ),
      },
      lifecycle: { createBeforeDestroy: true },
      dependsOn: parts.flatMap(({ method, integration }) => [method, integration]),
    });
    this.accessLogs = new PlatformLogGroup(this, 'AccessLogs', {
      purpose: ['apigateway', 'inference', route],
      encryptionKey: props.encryptionKey,
    });
    this.stage = new ApiGatewayStage(this, 'Stage', {
      restApiId,
      stageName: INFERENCE_API_STAGE,
      deploymentId: deployment.id,
      xrayTracingEnabled: true,
      accessLogSettings: {
        destinationArn: this.accessLogs.resource.arn,
        format: ACCESS_LOG_FORMAT,
      },
    });
    new ApiGatewayMethodSettings(this, 'MethodSettings', {
      restApiId,
      stageName: this.stage.stageName,
      methodPath: '*/*',
      settings: {
        metricsEnabled: true,
        // Execution logs would hold payloads with data tracing; the access log is enough.
        loggingLevel: 'OFF',
        dataTraceEnabled: false,
        throttlingRateLimit: throttling.rateLimit,
        throttlingBurstLimit: throttling.burstLimit,
      },
    });
    this.usagePlan = new ApiGatewayUsagePlan(this, 'UsagePlan', {
      name,
      description: `Throttling of POST /${route}`,
      apiStages: [{ apiId: restApiId, stage: this.stage.stageName }],
      throttleSettings: { rateLimit: throttling.rateLimit, burstLimit: throttling.burstLimit },
      quotaSettings:
        throttling.dailyQuota === undefined
          ? undefined
          : { limit: throttling.dailyQuota, period: 'DAY' },
    });
    this.routeArn = `${this.restApi.executionArn}/${INFERENCE_API_STAGE}/POST/${route}`;
    const domainArn = `${this.restApi.executionArn}/${INFERENCE_API_STAGE}/POST/`;
    this.invokeArns = host ? [this.routeArn, domainArn] : [this.routeArn];
    this.routeUrl = `${this.stage.invokeUrl}/${route}`;
    props.handler.allowInvokeFrom(
      'AllowInvokeFromInferenceApi',
      'apigateway.amazonaws.com',
      this.routeArn,
    );
    if (throttling.webAclArn)
      this.webAclAssociation = new Wafv2WebAclAssociation(this, 'WebAcl', {
        resourceArn: this.stage.arn,
        webAclArn: throttling.webAclArn,
      });
    if (host) {
      props.handler.allowInvokeFrom(
        'AllowInvokeFromInferenceDomain',
        'apigateway.amazonaws.com',
        domainArn,
      );
      this.basePathMapping = new ApiGatewayBasePathMapping(this, 'DomainMapping', {
        domainName: host,
        apiId: restApiId,
        stageName: this.stage.stageName,
        basePath: route,
      });
      this.domainRouteUrl = `https://${host}/${route}`;
    }
  }

  /**
   * execute-api:Invoke on this API's POST method, by its route and, under the project's host,
   * the root the host maps to `/<route>`: what a SigV4 caller needs. With a Cognito authorizer
   * IAM does not authorize callers, so nothing is granted. Returns the statements added.
   */
  grantInvoke(grantee: IGrantable, sid = 'InvokeInferenceRoute'): PolicyStatement[] {
    if (this.authorizer) return [];
    return addStatements(grantee, [
      {
        Sid: sid,
        Effect: 'Allow',
        Action: [...EXECUTE_API_INVOKE_ACTIONS],
        Resource: [...this.invokeArns],
      },
    ]);
  }
}
