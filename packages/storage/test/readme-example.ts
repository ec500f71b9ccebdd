import type { PlatformStack } from '@genai-sandbox/core';
import { PlatformKey } from '@genai-sandbox/security';
import { AccessLogBucket, MlBucket } from '@genai-sandbox/storage';

/** A project's ML bucket and the bucket its access logs go to, as the foundation app makes them. */
export function projectBuckets(stack: PlatformStack) {
  const key = new PlatformKey(stack, 'PlatformKey', {
    purpose: 'platform',
    description: 'Platform data and logs',
  });
  const accessLogs = new AccessLogBucket(stack, 'AccessLogs', {
    encryptionKey: key,
    retentionDays: 365,
  });
  const bucket = new MlBucket(stack, 'MlBucket', {
    encryptionKey: key,
    accessLogBucket: accessLogs,
    project: 'fraud-detection',
  });
  const models = bucket.layout.artifacts.models; // 'artifacts/models/'
  return { bucket, models };
}
