import { ECRClient } from '@aws-sdk/client-ecr';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { CliError } from '../errors';
import type { StaticCredentials } from '../preflight/sts-client';

/** How long promote waits. A server-side copy of a large artifact takes minutes, not seconds. */
export interface PromoteTimeouts {
  readonly connectionMs: number;
  readonly requestMs: number;
}

const DEFAULT_PROMOTE_TIMEOUTS: PromoteTimeouts = {
  connectionMs: 5000,
  requestMs: 15 * 60_000,
};

/** The SDK's default: a dropped connection or a throttled call is retried twice. */
const PROMOTE_MAX_ATTEMPTS = 3;

export interface PromoteClients {
  readonly sageMaker: (region: string) => SageMakerClient;
  readonly s3: (region: string) => S3Client;
  readonly ecr: (region: string) => ECRClient;
  /** For messages: `https://...` or the override and its variable. */
  readonly describeEndpoint: (service: PromoteService) => string;
}

export type PromoteService = 'S3' | 'SageMaker' | 'ECR';

type Service = 'S3' | 'SAGEMAKER' | 'ECR' | 'BEDROCK_RUNTIME' | 'BEDROCK_AGENT_RUNTIME';

/**
 * SageMaker and S3 clients with the promotion role's credentials. The endpoint override follows the
 * SDK's order (AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL) but is read from the CLI's context,
 * as preflight does for STS, so tests run in-process against a local server.
 */
export function promoteClients(
  env: NodeJS.ProcessEnv,
  credentials: StaticCredentials,
  timeouts: PromoteTimeouts = DEFAULT_PROMOTE_TIMEOUTS,
): PromoteClients {
  const common = (service: Service) => {
    const override = endpointOverride(env, service);
    return {
      credentials,
      maxAttempts: PROMOTE_MAX_ATTEMPTS,
      requestHandler: {
        connectionTimeout: timeouts.connectionMs,
        requestTimeout: timeouts.requestMs,
        throwOnRequestTimeout: true,
      },
      ...(override && { endpoint: override.url }),
    };
  };
  return {
    sageMaker: (region) => new SageMakerClient({ region, ...common('SAGEMAKER') }),
    // A local endpoint has no per-bucket host names: path-style addressing.
    s3: (region) =>
      new S3Client({
        region,
        ...common('S3'),
        forcePathStyle: endpointOverride(env, 'S3') !== undefined,
      }),
    ecr: (region) => new ECRClient({ region, ...common('ECR') }),
    describeEndpoint: (service) => {
      const override = endpointOverride(env, service === 'SageMaker' ? 'SAGEMAKER' : service);
      return override
        ? `${override.url} (from ${override.variable})`
        : `the regional ${service} endpoint`;
    },
  };
}

/** AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL, from the CLI's context. */
export function endpointOverride(
  env: NodeJS.ProcessEnv,
  service: Service,
): { url: string; variable: string } | undefined {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === 'true') return undefined;
  for (const variable of [`AWS_ENDPOINT_URL_${service}`, 'AWS_ENDPOINT_URL']) {
    const value = env[variable]?.trim();
    if (!value) continue;
    if (!/^https?:\/\/[^/]/.test(value)) {
      throw new CliError(
        `promote: ${variable} is "${value}", which is not an http(s) URL. Set it to an endpoint URL or unset it.`,
      );
    }
    return { url: value.replace(/\/+$/, ''), variable };
  }
  return undefined;
}
