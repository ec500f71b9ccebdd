import type { EnvironmentDefinition } from '@genai-sandbox/config';
import { describePlan } from '../src/promote/describe';
import { manifestAfter, type PromotionPlan } from '../src/promote/plan';

/** The pure halves of promote: a plan, as planPromotion returns it, described and turned into a manifest. */

const SOURCE_ARN = 'arn:aws:sagemaker:eu-west-1:111111111111:model-package/genai-llm/3';
const TARGET_ARN = 'arn:aws:sagemaker:eu-west-1:222222222222:model-package/genai-llm/1';

function plan(change: Partial<PromotionPlan> = {}): PromotionPlan {
  return {
    request: {
      from: { name: 'dev' } as EnvironmentDefinition,
      to: { name: 'test' } as EnvironmentDefinition,
      sourceArn: SOURCE_ARN,
      group: 'genai-llm',
      version: '3',
    },
    source: {} as PromotionPlan['source'],
    project: 'recommender',
    blueprints: ['inference-realtime'],
    keyArn: 'arn:aws:kms:eu-west-1:222222222222:alias/genai-test-platform',
    copies: [
      {
        source: { bucket: 'src', key: 'artifacts/models/m.tar.gz' },
        sourceState: { etag: '"abc"', size: 42, metadata: {} },
        target: { bucket: 'dst', key: 'artifacts/models/dev/m.tar.gz' },
        done: false,
        parts: 0,
      },
    ],
    images: [],
    registered: undefined,
    manifest: { file: '/repo/environments/releases/test.json', current: undefined },
    ...change,
  };
}

function described(value: PromotionPlan): string[] {
  const lines: string[] = [];
  describePlan(value, 'environments/releases/test.json', (line) => lines.push(line));
  return lines;
}

describe('describePlan (the dry run)', () => {
  test('a first promotion: would copy, register and write, and says nothing changed', () => {
    expect(described(plan())).toEqual([
      'would copy s3://src/artifacts/models/m.tar.gz (42 bytes) to s3://dst/artifacts/models/dev/m.tar.gz, encrypted with arn:aws:kms:eu-west-1:222222222222:alias/genai-test-platform.',
      "would register a package in test's group genai-llm, PendingManualApproval, with lineage source-model-package-arn=" +
        `${SOURCE_ARN}.`,
      'would write environments/releases/test.json: recommender/inference-realtime -> <the package registered in test>.',
      'dry run: nothing was changed.',
    ]);
  });

  test('a finished promotion: every step is already done', () => {
    const done = plan({ registered: TARGET_ARN });
    const finished = plan({
      registered: TARGET_ARN,
      copies: done.copies.map((copy) => ({ ...copy, done: true })),
      manifest: { ...done.manifest, current: manifestAfter(done, TARGET_ARN).next },
    });
    expect(described(finished)).toEqual([
      's3://dst/artifacts/models/dev/m.tar.gz already holds the artifact (source ETag "abc"); would not copy it.',
      `already registered in test as ${TARGET_ARN}; would not register it again.`,
      'environments/releases/test.json already records it; would not change it.',
      'dry run: nothing was changed.',
    ]);
  });
});

describe('manifestAfter', () => {
  test('records the promoted package for each blueprint, with its lineage', () => {
    const { next, changed } = manifestAfter(plan(), TARGET_ARN);
    expect(changed).toBe(true);
    expect(next.releases).toEqual([
      {
        project: 'recommender',
        blueprint: 'inference-realtime',
        modelPackageGroup: 'genai-llm',
        modelPackageArn: TARGET_ARN,
        sourceModelPackageArn: SOURCE_ARN,
        sourceEnvironment: 'dev',
      },
    ]);
  });

  test('reports no change when the manifest already records the package', () => {
    const first = manifestAfter(plan(), TARGET_ARN).next;
    const again = manifestAfter(plan({ manifest: { file: 'x', current: first } }), TARGET_ARN);
    expect(again.changed).toBe(false);
    expect(again.next).toEqual(first);
  });
});
