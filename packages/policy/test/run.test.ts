import { checkStacks, formatText, type Pack, type Rule } from '../src';
import { CONTEXT, stackOf } from './helpers';

const noBuckets: Rule = {
  id: 'no-buckets',
  title: 'No buckets',
  explanation: 'Test rule.',
  fix: 'Remove the bucket.',
  severity: 'error',
  resourceTypes: ['aws_s3_bucket'],
  check: ({ resource }) => ({ status: 'non-compliant', message: `${resource.name} is a bucket` }),
};
const noCallerIdentity: Rule = {
  ...noBuckets,
  id: 'no-data',
  severity: 'warning',
  resourceTypes: '*',
  mode: 'data',
  check: () => ({ status: 'non-compliant', message: 'data' }),
};
const pack: Pack = { name: 'test', rules: [noBuckets, noCallerIdentity] };

describe('checkStacks', () => {
  it('reports violations by stack, applies suppressions and flags unused ones', async () => {
    const stack = stackOf(
      {
        aws_s3_bucket: {
          Open: {},
          Exempt: {
            '//': {
              policy_suppressions: [
                { rule: 'no-buckets', reason: 'needed for the test' },
                { rule: 'no-such-rule', reason: 'stale' },
              ],
            },
          },
        },
      },
      { data: { aws_caller_identity: { Me: {} } } },
    );
    const report = await checkStacks([{ model: stack, packs: [pack] }], CONTEXT);
    const [result] = report.stacks;
    expect(
      result.violations.map(
        (violation) => `${violation.ruleId} ${violation.address} ${violation.message}`,
      ),
    ).toEqual([
      'no-buckets aws_s3_bucket.Open Open is a bucket',
      'no-data data.aws_caller_identity.Me data',
    ]);
    expect(result.suppressed).toEqual([
      expect.objectContaining({
        ruleId: 'no-buckets',
        address: 'aws_s3_bucket.Exempt',
        reason: 'needed for the test',
      }),
    ]);
    expect(result.unusedSuppressions).toEqual([
      { address: 'aws_s3_bucket.Exempt', rule: 'no-such-rule', reason: 'stale' },
    ]);
    expect(report.errors).toBe(1);
    expect(report.warnings).toBe(2);
    expect(formatText(report)).toContain(
      'policy check: 1 stack, 2 rules, 1 error, 2 warnings, 1 suppressed',
    );
  });

  it('passes a stack with nothing to report', async () => {
    const report = await checkStacks(
      [{ model: stackOf({ aws_sns_topic: { T: {} } }), packs: [pack] }],
      CONTEXT,
    );
    expect(report).toMatchObject({ errors: 0, warnings: 0 });
    expect(formatText(report)).toMatch(/^test-stack \(test, synth\): ok$/m);
  });
});
