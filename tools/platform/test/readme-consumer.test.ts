import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { teamStacks } from './readme-example-consumer';
import { tempDir } from './helpers';

// Examples are tests (docs/architecture.md#conventions): the root README's example for teams that
// consume the packages is this file verbatim, and it synthesizes against the checked-in configuration.
const repositoryRoot = join(__dirname, '..', '..', '..');

describe('README: using the packages in your own repository', () => {
  const readme = readFileSync(join(repositoryRoot, 'README.md'), 'utf8');

  it('shows test/readme-example-consumer.ts verbatim', () => {
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
    expect(blocks).toContain(readFileSync(join(__dirname, 'readme-example-consumer.ts'), 'utf8'));
  });

  it("synthesizes one stack per project and environment, with a role that reads the project's raw data", () => {
    const outdir = tempDir('readme-consumer-');
    teamStacks(join(repositoryRoot, 'environments'), outdir);
    const file = join(outdir, 'stacks', 'team-jobs-fraud-detection-dev', 'cdk.tf.json');
    expect(existsSync(file)).toBe(true);
    const text = readFileSync(file, 'utf8');
    const json = JSON.parse(text) as {
      resource: { aws_iam_role: Record<string, { name: string }> };
    };
    expect(Object.values(json.resource.aws_iam_role).map((role) => role.name)).toEqual([
      'genai-dev-fraud-detection-team-jobs',
    ]);
    expect(text).toContain('data/raw/');
  });
});
