import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { jsonLogger, type Logger } from '../shared/log';
import {
  ASYNC_CALLBACK_ENVIRONMENT_VARIABLE,
  type AsyncCallbackSetting,
  parseAsyncCallbackSetting,
} from './callback-setting';
import {
  type AsyncResultNotification,
  MalformedNotificationError,
  parseNotifications,
} from './notification';
import { SigningSecret } from './signing-secret';
import { deliver, type Fetch } from './webhook-delivery';

export interface AsyncCallbackDependencies {
  readonly setting: AsyncCallbackSetting;
  readonly s3: S3Client;
  readonly secret: SigningSecret;
  /** @default globalThis.fetch */
  readonly fetch?: Fetch;
  /** Pause before the second attempt of a delivery, doubled after. @default 200 */
  readonly backoffMs?: number;
  readonly log?: Logger;
}

export const DEFAULT_MAX_RESULT_BYTES = 256 * 1024;

/** What the webhook receives for one inference. */
export interface WebhookPayload {
  readonly inferenceId: string;
  readonly endpointName: string;
  readonly status: 'Completed' | 'Failed';
  readonly outputLocation?: string;
  readonly failureLocation?: string;
  readonly failureReason?: string;
  /** The result (or the model's error answer) as text, when it could be read. */
  readonly result?: string;
  /** True when `result` was cut at the size limit; the whole object stays in the bucket. */
  readonly resultTruncated?: boolean;
}

/** `s3://bucket/key` under one of the prefixes, or undefined (never read outside them). */
function locationIn(
  location: string | undefined,
  setting: AsyncCallbackSetting,
): string | undefined {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(location ?? '');
  if (!match || match[1] !== setting.bucket) return undefined;
  return setting.resultPrefixes.some((prefix) => match[2].startsWith(prefix))
    ? match[2]
    : undefined;
}

/**
 * The handler, given its dependencies. For each notification of the SNS event: read the result
 * (or the model's error answer) from the bucket, only under the endpoint's output and failure
 * prefixes and up to the size limit, build the payload, sign it with the secret and POST it to
 * the webhook with retries (`deliver`). Any failure fails the invocation: Lambda retries it
 * (maximum_retry_attempts of the stack) and then sends the event to the function's dead-letter
 * queue, whose alarm tells the operators. A malformed event fails at once, with its reason.
 */
export function createAsyncCallback(dependencies: AsyncCallbackDependencies) {
  const log = dependencies.log ?? jsonLogger;
  const { setting } = dependencies;
  const doFetch: Fetch = dependencies.fetch ?? ((url, init) => fetch(url, init));
  const maxResultBytes = setting.maxResultBytes ?? DEFAULT_MAX_RESULT_BYTES;

  const readResult = async (notification: AsyncResultNotification) => {
    const location =
      notification.status === 'Completed'
        ? notification.outputLocation
        : notification.failureLocation;
    const key = locationIn(location, setting);
    if (!key) return {};
    const object = await dependencies.s3.send(
      new GetObjectCommand({
        Bucket: setting.bucket,
        Key: key,
        ExpectedBucketOwner: setting.bucketOwner,
        // One byte more than the limit tells a cut result from one of exactly the limit.
        Range: `bytes=0-${maxResultBytes}`,
      }),
    );
    const bytes = Buffer.from((await object.Body?.transformToByteArray()) ?? []);
    return {
      result: bytes.subarray(0, maxResultBytes).toString('utf8'),
      resultTruncated: bytes.length > maxResultBytes,
    };
  };

  return async (event: unknown): Promise<{ delivered: number }> => {
    let notifications: AsyncResultNotification[];
    try {
      notifications = parseNotifications(event);
    } catch (error) {
      if (error instanceof MalformedNotificationError)
        log('error', 'event-malformed', { reason: error.message });
      throw error;
    }
    const secret = await dependencies.secret.get();
    for (const notification of notifications) {
      const started = Date.now();
      const fields = { inferenceId: notification.inferenceId, status: notification.status };
      const payload: WebhookPayload = {
        inferenceId: notification.inferenceId,
        endpointName: notification.endpointName,
        status: notification.status,
        outputLocation: notification.outputLocation,
        failureLocation: notification.failureLocation,
        failureReason: notification.failureReason,
        ...(await readResult(notification)),
      };
      try {
        const outcome = await deliver(setting.webhookUrl, JSON.stringify(payload), secret, {
          fetch: doFetch,
          timeoutMs: setting.timeoutMs ?? 10_000,
          backoffMs: dependencies.backoffMs,
        });
        log('info', 'result-delivered', {
          ...fields,
          httpStatus: outcome.status,
          attempts: outcome.attempts,
          latencyMs: Date.now() - started,
        });
      } catch (error) {
        log('error', 'delivery-failed', {
          ...fields,
          errorName: error instanceof Error ? error.name : 'UnknownError',
          reason: error instanceof Error ? error.message : undefined,
        });
        throw error;
      }
    }
    return { delivered: notifications.length };
  };
}

let deployed: ReturnType<typeof createAsyncCallback> | undefined;

/** Lambda's entry point: the setting, clients and secret cache are built at the first event. */
export async function handler(event: unknown): Promise<{ delivered: number }> {
  if (!deployed) {
    const setting = parseAsyncCallbackSetting(process.env[ASYNC_CALLBACK_ENVIRONMENT_VARIABLE]);
    const config = {
      maxAttempts: 3,
      retryMode: 'standard' as const,
      requestHandler: new NodeHttpHandler({ connectionTimeout: 2_000, requestTimeout: 5_000 }),
    };
    deployed = createAsyncCallback({
      setting,
      s3: new S3Client(config),
      secret: new SigningSecret(new SecretsManagerClient(config), setting.secretArn),
    });
  }
  return deployed(event);
}
