import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configurationFixture, writeConfigurationFixture } from '@genai-sandbox/config/testing';
import { runCli, snapshotTree, workspace } from './helpers';

type Fixture = ReturnType<typeof configurationFixture>;

// Each mistake a user can make in environments/, as the issue lists them: synth must exit 1, name
// the file, the JSON path and the value, and leave the earlier output exactly as it was.
// A change receives the fixture to edit before it is written, and the directory it was written to.
const cases: [string, (fixture: Fixture) => ((dir: string) => void) | void, RegExp][] = [
  [
    'malformed JSON',
    () => (dir) => writeFileSync(join(dir, 'prod.json'), '{ "accountId": "333333333333",, }'),
    /environments\/prod\.json \$: not valid JSON: .*\(line 1, column 31\)/,
  ],
  [
    'an unknown field',
    (fixture) => void Object.assign(fixture.environments.dev, { acountId: '1' }),
    /environments\/dev\.json \$ \(received "acountId"\): unknown field; remove it or fix the spelling\. Allowed fields here: accountId, region/,
  ],
  [
    'a malformed account ID',
    (fixture) => void (fixture.environments.test.accountId = '22222222222'),
    /environments\/test\.json \$\.accountId \(received "22222222222"\): expected a 12-digit AWS account ID/,
  ],
  [
    'overlapping CIDRs',
    (fixture) => void (fixture.environments.prod.network.vpcCidr = '10.10.64.0/18'),
    /environments\/prod\.json \$\.network\.vpcCidr \(received "10\.10\.64\.0\/18"\): overlaps 10\.10\.0\.0\/16 of environment "dev"/,
  ],
  [
    'the same account in two environments',
    (fixture) => void (fixture.environments.test.accountId = '111111111111'),
    /environments\/test\.json \$\.accountId \(received "111111111111"\): account already used by environment "dev"/,
  ],
  [
    'a promotion chain naming an unknown environment',
    (fixture) => void (fixture.platform.promotionChain = ['dev', 'qa', 'prod']),
    /environments\/platform\.json \$\.promotionChain\[1\] \(received "qa"\): no environment file qa\.json/,
  ],
  [
    'a project whose profile names an unknown blueprint',
    (fixture) =>
      void fixture.platform.profiles['genai-full'].blueprints.push('inference-edge' as never),
    /environments\/platform\.json \$\.profiles\["genai-full"\]\.blueprints\[4\] \(received "inference-edge"\): expected a blueprint name/,
  ],
];

describe('platform synth with bad configuration', () => {
  test.each(cases)(
    'fails when given %s, listing it and leaving the earlier output untouched',
    async (_name, change, problem) => {
      const cwd = workspace();
      expect((await runCli(['synth'], { cwd })).code).toBe(0);
      const before = snapshotTree(join(cwd, 'cdktf.out'));

      const fixture = configurationFixture();
      const afterWrite = change(fixture);
      writeConfigurationFixture(fixture, join(cwd, 'environments'));
      afterWrite?.(join(cwd, 'environments'));
      const result = await runCli(['synth'], { cwd });

      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(problem);
      expect(result.stderr).toContain('Nothing was written.');
      expect(snapshotTree(join(cwd, 'cdktf.out'))).toEqual(before);
      expect(readdirSync(cwd).sort()).toEqual(['cdktf.out', 'environments']);
    },
  );
});
