/**
 * The naming rules of each AWS service the platform names resources in. Every physical name passes
 * `checkName`, so a bad name fails at synth time instead of at apply time.
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
  | 'api-gateway'
  | 'glue-database'
  | 'glue'
  | 'athena-workgroup'
  | 'cloudwatch-alarm'
  | 'cloudwatch-dashboard'
  | 'budget'
  | 'oam-sink'
  | 'ecr-repository'
  | 'eventbridge-rule'
  | 'eventbridge-archive'
  | 'sfn-state-machine'
  | 'secretsmanager-secret'
  | 'cloudformation-stack';

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
  // REST APIs and usage plans accept any text; the platform keeps them to its own alphabet.
  'api-gateway': {
    minLength: 1,
    maxLength: 128,
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
  'sfn-state-machine': {
    minLength: 1,
    maxLength: 80,
    pattern: /^[\w-]+$/,
    allowed: 'letters, digits, _ and -',
  },
  'secretsmanager-secret': {
    minLength: 1,
    maxLength: 512,
    pattern: /^[\w/+=.@-]+$/,
    allowed: 'letters, digits and /_+=.@-',
  },
  'cloudformation-stack': {
    minLength: 1,
    maxLength: 128,
    pattern: /^[a-zA-Z][a-zA-Z0-9-]*$/,
    allowed: 'letters, digits and hyphens, starting with a letter',
  },
  'ecr-repository': {
    minLength: 2,
    maxLength: 256,
    pattern: /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
    allowed: 'lower-case letters and digits, separated by single ".", "_" or "-"',
  },
  'glue-database': {
    minLength: 1,
    maxLength: 255,
    pattern: /^[a-z0-9_]+$/,
    allowed: 'lower-case letters, digits and underscores (Athena rejects hyphens)',
  },
  // Crawlers, security configurations and data quality rulesets; Glue allows any single-line
  // string, the platform keeps to characters every console and ARN shows as they are.
  glue: {
    minLength: 1,
    maxLength: 255,
    pattern: /^[\w.-]+$/,
    allowed: 'letters, digits and ._-',
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
  'athena-workgroup': {
    minLength: 1,
    maxLength: 128,
    pattern: /^[\w.-]+$/,
    allowed: 'letters, digits and ._-',
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
