import { decodeSetting, encodeSetting } from '../shared/environment-setting';

/**
 * The async callback's typed setting: the webhook results go to, the secret that signs them, and
 * the only bucket prefixes it reads results from. Stacks encode it into one environment variable
 * (`asyncCallbackEnvironment`); the handler decodes it at cold start (`parseAsyncCallbackSetting`)
 * with the same checks, so a bad setting fails the synth, not a delivery.
 */
export interface AsyncCallbackSetting {
  /** `https://` URL of the webhook (no credentials in it: they would be in Terraform state). */
  readonly webhookUrl: string;
  /** ARN of the Secrets Manager secret whose value signs every delivery (set out of band). */
  readonly secretArn: string;
  /** The project bucket SageMaker writes results to. */
  readonly bucket: string;
  /** The bucket's account. */
  readonly bucketOwner: string;
  /** Prefixes results are read from: the endpoint's output and failure paths. */
  readonly resultPrefixes: readonly string[];
  /** Time the webhook may take per attempt, in milliseconds. @default 10000 */
  readonly timeoutMs?: number;
  /** Largest result put into a delivery; longer ones are cut and marked. @default 256 KiB */
  readonly maxResultBytes?: number;
}

export const ASYNC_CALLBACK_ENVIRONMENT_VARIABLE = 'ASYNC_CALLBACK_SETTING';

/** A deploy-time value (a Terraform reference) at synth: the resource's own checks apply. */
const TOKEN = /\$\{/;

function problemsOf(setting: Partial<AsyncCallbackSetting>, atSynth = false): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, field: string, value: unknown, fix: string) => {
    if (!ok) problems.push(`${field} (received ${JSON.stringify(value)}): ${fix}`);
  };
  let url: URL | undefined;
  try {
    url = new URL(String(setting.webhookUrl));
  } catch {
    url = undefined;
  }
  check(
    url?.protocol === 'https:' && !url.username && !url.password,
    'webhookUrl',
    setting.webhookUrl,
    'expected an https:// URL without credentials (blueprints.inferenceAsync.callback.webhookUrl)',
  );
  check(
    typeof setting.secretArn === 'string' &&
      (setting.secretArn.startsWith('arn:aws:secretsmanager:') ||
        (atSynth && TOKEN.test(setting.secretArn))),
    'secretArn',
    setting.secretArn,
    'expected a Secrets Manager secret ARN',
  );
  check(
    typeof setting.bucket === 'string' && /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(setting.bucket),
    'bucket',
    setting.bucket,
    'expected an S3 bucket name',
  );
  check(
    typeof setting.bucketOwner === 'string' && /^\d{12}$/.test(setting.bucketOwner),
    'bucketOwner',
    setting.bucketOwner,
    'expected a 12-digit account ID',
  );
  check(
    Array.isArray(setting.resultPrefixes) &&
      setting.resultPrefixes.length > 0 &&
      setting.resultPrefixes.every((prefix) => /^[\w.-]+(\/[\w.-]+)*\/$/.test(String(prefix))),
    'resultPrefixes',
    setting.resultPrefixes,
    'expected key prefixes ending in "/", such as ["inference/async/output/"]',
  );
  for (const [field, max] of [
    ['timeoutMs', 30_000],
    ['maxResultBytes', 200_000_000],
  ] as const) {
    const value = setting[field];
    check(
      value === undefined || (Number.isInteger(value) && value >= 1 && value <= max),
      field,
      value,
      `expected a whole number from 1 to ${max}`,
    );
  }
  return problems;
}

/** The environment of the function, after the checks of the handler's parser. */
export function asyncCallbackEnvironment(setting: AsyncCallbackSetting): Record<string, string> {
  return encodeSetting(ASYNC_CALLBACK_ENVIRONMENT_VARIABLE, setting, (value) =>
    problemsOf((value ?? {}) as Partial<AsyncCallbackSetting>, true),
  );
}

/** Decodes the environment variable the stack set; throws with every problem at once. */
export function parseAsyncCallbackSetting(text: string | undefined): AsyncCallbackSetting {
  return decodeSetting<AsyncCallbackSetting>(ASYNC_CALLBACK_ENVIRONMENT_VARIABLE, text, (setting) =>
    problemsOf((setting ?? {}) as Partial<AsyncCallbackSetting>),
  );
}
