import {
  onlyResourceOfType,
  resourcesOfType,
  synthesize,
  testStack,
} from '@genai-sandbox/core/testing';
import { PlatformKey } from '@genai-sandbox/security';
import { AccessLogBucket, MlBucket, type MlBucketProps } from '../src';

/** An ML bucket with its key and access-log bucket in a fresh test stack, synthesized. */
export function synthMlBucket(props: Partial<MlBucketProps> = {}, environment = 'dev') {
  const stack = testStack({ environment });
  const key = new PlatformKey(stack, 'Key', {
    purpose: 'platform',
    description: 'Platform key',
    allowS3ServerAccessLogs: true,
  });
  const accessLogs = new AccessLogBucket(stack, 'AccessLogs', { encryptionKey: key });
  const bucket = new MlBucket(stack, 'Ml', {
    encryptionKey: key,
    accessLogBucket: accessLogs,
    project: 'fraud-detection',
    ...props,
  });
  const json = synthesize(stack);
  /** The resource of a type that belongs to the ML bucket (its logical name starts with Ml_). */
  const ml = (type: string) => {
    const entries = Object.entries(resourcesOfType(json, type)).filter(([name]) =>
      name.startsWith('Ml_'),
    );
    if (entries.length !== 1)
      throw new Error(`expected one ${type} of the ML bucket, found ${entries.length}`);
    return entries[0][1];
  };
  /** `${type.Name.attribute}` of the resource whose logical name starts with `prefix`. */
  const ref = (type: string, prefix: string, attribute: string) =>
    `\${${type}.${Object.keys(resourcesOfType(json, type)).find((name) => name.startsWith(prefix))}.${attribute}}`;
  return {
    stack,
    json,
    bucket,
    ml,
    ref,
    onlyResourceOfType: (type: string) => onlyResourceOfType(json, type),
  };
}
