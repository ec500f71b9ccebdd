import { describeStatement, policiesOf, type Statement } from '../../iam/policy-document';
import { attribute } from '../../model/stack-model';
import { COMPLIANT, nonCompliant, type Rule } from '../../types';
import { bucketPart } from './related';

const isTransportCondition = ({ operator, key, values }: Statement['conditions'][number]) =>
  /^bool(ifexists)?$/i.test(operator) &&
  key.toLowerCase() === 'aws:securetransport' &&
  values.some((value) => value.toLowerCase() === 'false');

/** IAM wildcard matching: `*` any run of characters, `?` one character. */
const covers = (pattern: string, value: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  ).test(value);

/** What keeps a deny-if-not-TLS statement from applying to every S3 request; empty if nothing. */
function gaps(statement: Statement): string[] {
  const found: string[] = [];
  if (!statement.principals?.wildcard) {
    const named = statement.principals
      ? [
          ...statement.principals.aws,
          ...statement.principals.service,
          ...statement.principals.federated,
        ]
      : [];
    found.push(`its principal is ${named.length > 0 ? named.join(', ') : 'not set'}, not "*"`);
  }
  if (!statement.actions.some((action) => ['s3:*', '*'].includes(action.toLowerCase())))
    found.push(`its actions ${JSON.stringify(statement.actions)} do not cover s3:*`);
  const others = statement.conditions.filter((condition) => !isTransportCondition(condition));
  if (others.length > 0)
    found.push(
      `it only applies when ${others.map((c) => `${c.operator} ${c.key}`).join(', ')} also hold`,
    );
  return found;
}

export const s3BucketTlsOnly: Rule = {
  id: 's3-bucket-tls-only',
  title: 'S3 buckets refuse requests without TLS',
  explanation:
    'S3 still accepts plain HTTP; without a deny on aws:SecureTransport "false", a misconfigured client can send data and presigned requests in clear text. A deny in the bucket policy binds every principal, whatever IAM allows.',
  fix: 'Build buckets with SecureBucket or MlBucket from @genai-sandbox/storage, whose bucket policy starts with the DenyInsecureTransport statement; add further statements through policyStatements, never a policy of your own.',
  severity: 'error',
  resourceTypes: ['aws_s3_bucket'],
  check({ resource, stack }) {
    const policies = bucketPart(stack, resource, 'aws_s3_bucket_policy').flatMap(policiesOf);
    if (policies.length === 0)
      return nonCompliant('no aws_s3_bucket_policy with a policy document refers to this bucket');
    const broken = policies.find((policy) => policy.parseError);
    if (broken)
      return nonCompliant(`aws_s3_bucket_policy ${broken.attribute} is ${broken.parseError}`);
    const name = attribute(resource, 'bucket');
    const arns = [
      `\${${resource.address}.arn}`,
      `arn:aws:s3:::\${${resource.address}.id}`,
      `arn:aws:s3:::\${${resource.address}.bucket}`,
      ...(typeof name === 'string' ? [`arn:aws:s3:::${name}`] : []),
    ];
    const candidates = policies.flatMap((policy) =>
      policy.statements
        .filter((s) => s.effect === 'Deny' && s.conditions.some(isTransportCondition))
        .map((statement) => ({ policy, statement, gaps: gaps(statement) })),
    );
    if (candidates.length === 0)
      return nonCompliant(
        'the bucket policy has no Deny statement with condition Bool aws:SecureTransport "false"',
      );
    const guards = candidates.filter((candidate) => candidate.gaps.length === 0);
    if (guards.length === 0)
      return nonCompliant(
        candidates
          .map(
            (c) =>
              `${describeStatement(c.policy, c.statement)} denies requests without TLS, but ${c.gaps.join('; ')}`,
          )
          .join('. '),
      );
    const arn = typeof name === 'string' ? `arn:aws:s3:::${name}` : arns[0];
    const uncovered = ['', '/*'].filter(
      (suffix) =>
        !guards.some(({ statement }) =>
          statement.resources.some((pattern) =>
            arns.some((candidate) => covers(pattern, candidate + suffix)),
          ),
        ),
    );
    if (uncovered.length === 0) return COMPLIANT;
    return nonCompliant(
      `${guards.map((g) => describeStatement(g.policy, g.statement)).join(', ')} denies requests without TLS, but not on ${uncovered.map((suffix) => arn + suffix).join(' and ')}`,
    );
  },
};
