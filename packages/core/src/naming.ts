/**
 * One place that turns platform, environment, project and purpose into physical names, checked
 * against each AWS service's rules so a bad name fails at synth time instead of at apply time.
 */
export type NamedResource =
  | 's3-bucket'
  | 'iam-role'
  | 'iam-policy'
  | 'kms-alias'
  | 'log-group'
  | 'security-group'
  | 'ec2-name-tag'
  | 'sagemaker'
  | 'event-bus'
  | 'sqs-queue'
  | 'sns-topic'
  | 'lambda-function'
  | 'glue-database'
  | 'ecr-repository'
  | 'eventbridge-rule'
  | 'eventbridge-archive'
  | 'cloudwatch-alarm'
  | 'cloudwatch-dashboard'
  | 'budget'
  | 'oam-sink';

interface NameRule {
  readonly maxLength: number;
  readonly minLength: number;
  readonly pattern: RegExp;
  /** The rule in words, for error messages. */
  readonly allowed: string;
}

export const NAME_RULES: Readonly<Record<NamedResource, NameRule>> = {
  's3-bucket': {
    minLength: 3,
    maxLength: 63,
    pattern:
      /^(?!xn--|sthree-|amzn-s3-demo-)(?!.*(-s3alias|--ol-s3|--x-s3|--table-s3)$)[a-z0-9][a-z0-9-]*[a-z0-9]$/,
    allowed:
      'lower-case letters, digits and hyphens, starting and ending with a letter or digit, without reserved prefixes or suffixes',
  },
  'iam-role': {
    minLength: 1,
    maxLength: 64,
    pattern: /^[\w+=,.@-]+$/,
    allowed: 'letters, digits and +=,.@_-',
  },
  'iam-policy': {
    minLength: 1,
    maxLength: 128,
    pattern: /^[\w+=,.@-]+$/,
    allowed: 'letters, digits and +=,.@_-',
  },
  'kms-alias': {
    minLength: 7,
    maxLength: 256,
    pattern: /^alias\/(?!aws\/)[a-zA-Z0-9/_-]+$/,
    allowed:
      '"alias/" followed by letters, digits, /, _ and -, not in the reserved "alias/aws/" namespace',
  },
  'log-group': {
    minLength: 1,
    maxLength: 512,
    pattern: /^[\w.\-/#]+$/,
    allowed: 'letters, digits and ._-/#',
  },
  'security-group': {
    minLength: 1,
    maxLength: 255,
    pattern: /^(?!sg-)[\w .\-:/()#,@[\]+=&;{}!$*]+$/,
    allowed: 'ASCII letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*, not starting with "sg-"',
  },
  'ec2-name-tag': {
    minLength: 1,
    maxLength: 255,
    pattern: /^[\w .:/=+\-@]+$/,
    allowed: 'letters, digits, spaces and _.:/=+-@',
  },
  sagemaker: {
    minLength: 1,
    maxLength: 63,
    pattern: /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/,
    allowed: 'letters, digits and hyphens, not starting or ending with a hyphen',
  },
  'event-bus': {
    minLength: 1,
    maxLength: 256,
    pattern: /^[\w.-]+$/,
    allowed: 'letters, digits and ._-',
  },
  'sqs-queue': {
    minLength: 1,
    maxLength: 80,
    pattern: /^[\w-]+(\.fifo)?$/,
    allowed: 'letters, digits, _ and -, optionally ending in .fifo',
  },
  'sns-topic': {
    minLength: 1,
    maxLength: 256,
    pattern: /^[\w-]+(\.fifo)?$/,
    allowed: 'letters, digits, _ and -, optionally ending in .fifo',
  },
  'lambda-function': {
    minLength: 1,
    maxLength: 64,
    pattern: /^[\w-]+$/,
    allowed: 'letters, digits, _ and -',
  },
  // Rules, connections and API destinations.
  'eventbridge-rule': {
    minLength: 1,
    maxLength: 64,
    pattern: /^[\w.-]+$/,
    allowed: 'letters, digits and ._-',
  },
  'eventbridge-archive': {
    minLength: 1,
    maxLength: 48,
    pattern: /^[\w.-]+$/,
    allowed: 'letters, digits and ._-',
  },
  'ecr-repository': {
    minLength: 2,
    maxLength: 256,
    pattern: /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
    allowed: 'lower-case letters and digits, separated by single ".", "_" or "-"',
  },
  'cloudwatch-alarm': {
    minLength: 1,
    maxLength: 255,
    pattern: /^[\x20-\x7E]+$/,
    allowed: 'printable ASCII characters',
  },
  'cloudwatch-dashboard': {
    minLength: 1,
    maxLength: 255,
    pattern: /^[\w-]+$/,
    allowed: 'letters, digits, _ and -',
  },
  budget: {
    minLength: 1,
    maxLength: 100,
    pattern: /^[^:\\]+$/,
    allowed: 'any characters but ":" and "\\"',
  },
  'oam-sink': {
    minLength: 1,
    maxLength: 255,
    pattern: /^[\w.-]+$/,
    allowed: 'letters, digits and ._-',
  },
  'glue-database': {
    minLength: 1,
    maxLength: 255,
    pattern: /^[a-z0-9_]+$/,
    allowed: 'lower-case letters, digits and underscores (Athena rejects hyphens)',
  },
};

export class NamingError extends Error {
  constructor(resource: NamedResource, name: string, problems: string[]) {
    super(
      `Invalid ${resource} name "${name}": ${problems.join('; ')}. ` +
        'Shorten the platform name, project name or purpose in configuration, or pick a purpose within the rule.',
    );
    this.name = 'NamingError';
  }
}

/** Checks a name against its service rule and returns it; throws with every broken rule at once. */
export function checkName(resource: NamedResource, name: string): string {
  const rule = NAME_RULES[resource];
  const problems: string[] = [];
  if (name.length > rule.maxLength)
    problems.push(`${name.length} characters, the maximum is ${rule.maxLength}`);
  if (name.length < rule.minLength)
    problems.push(`${name.length} characters, the minimum is ${rule.minLength}`);
  if (!rule.pattern.test(name)) problems.push(`allowed are ${rule.allowed}`);
  if (resource === 's3-bucket' && /^\d+\.\d+\.\d+\.\d+$/.test(name))
    problems.push('must not look like an IP address');
  if (problems.length > 0) throw new NamingError(resource, name, problems);
  return name;
}

export interface NamingContext {
  readonly platform: string;
  readonly environment: string;
  readonly accountId: string;
  /** Set for per-project stacks; part of every name they create. */
  readonly project?: string;
}

export class ResourceNamer {
  constructor(readonly context: NamingContext) {}

  /** `<platform>-<env>[-<project>]-<purpose...>`, checked against `resource`'s rules. */
  name(resource: NamedResource, ...purpose: string[]): string {
    const parts = [
      this.context.platform,
      this.context.environment,
      this.context.project,
      ...purpose,
    ];
    const joined = parts.filter((part): part is string => Boolean(part)).join('-');
    return checkName(resource, resource === 'glue-database' ? joined.replace(/-/g, '_') : joined);
  }

  /** Bucket names are global across AWS, so they carry the account ID to stay unique. */
  bucketName(...purpose: string[]): string {
    return this.name('s3-bucket', ...purpose, this.context.accountId);
  }

  kmsAlias(...purpose: string[]): string {
    return checkName('kms-alias', `alias/${this.name('iam-policy', ...purpose)}`);
  }

  /** `/<platform>/<env>[/<project>]/<purpose...>`: slashes group log groups in the console. */
  logGroupName(...purpose: string[]): string {
    const parts = [
      this.context.platform,
      this.context.environment,
      this.context.project,
      ...purpose,
    ];
    return checkName('log-group', `/${parts.filter(Boolean).join('/')}`);
  }
}
