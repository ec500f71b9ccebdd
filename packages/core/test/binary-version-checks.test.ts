import { ValidateBinaryVersion } from 'cdktf/lib/validations/validate-binary-version';
import { ValidateTerraformVersion } from 'cdktf/lib/validations/validate-terraform-version';
import { minimumOf, withBinaryVersionChecksOnce } from '../src/binary-version-checks';

// cdktf runs the version command through child_process.execSync, read at call time on the module
// object `require('child_process')` returns (an import would spy on a namespace copy).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const execSync = jest.spyOn(require('child_process') as typeof import('child_process'), 'execSync');
afterEach(() => execSync.mockClear());
afterAll(() => execSync.mockRestore());

describe('withBinaryVersionChecksOnce', () => {
  it("answers cdktf's Terraform >= 1.5 check from the stacks' >= 1.10.0 without starting Terraform", () => {
    const check = new ValidateTerraformVersion('>=1.5', 'moved blocks need 1.5');
    expect(withBinaryVersionChecksOnce('>= 1.10.0', () => check.validate())).toEqual([]);
    expect(execSync).not.toHaveBeenCalled();
  });

  it('still runs a check that asks more than the stacks declare, and reports its failure', () => {
    const check = new ValidateTerraformVersion('>=99.0', 'needs Terraform 99');
    const problems = withBinaryVersionChecksOnce('>= 1.10.0', () => check.validate());
    expect(execSync).toHaveBeenCalledTimes(1);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/terraform/);
  });

  it('runs each other check once per command and constraint, however many stacks carry it', () => {
    const checks = [1, 2, 3].map(() => new ValidateBinaryVersion('tool', '>=2.0.0', 'echo 2.3.4'));
    const other = new ValidateBinaryVersion('tool', '>=3.0.0', 'echo 2.3.4');
    const answers = withBinaryVersionChecksOnce('>= 1.10.0', () =>
      [...checks, other].map((check) => check.validate()),
    );
    expect(answers.slice(0, 3)).toEqual([[], [], []]);
    expect(answers[3][0]).toMatch(/tool version 2.3.4 is lower than the required version >=3.0.0/);
    expect(execSync).toHaveBeenCalledTimes(2);
  });

  it('restores cdktf afterwards, also when the work throws', () => {
    const original = ValidateBinaryVersion.prototype.validate;
    expect(() =>
      withBinaryVersionChecksOnce('>= 1.10.0', () => {
        throw new Error('fails inside');
      }),
    ).toThrow('fails inside');
    expect(ValidateBinaryVersion.prototype.validate).toBe(original);
  });
});

describe('minimumOf', () => {
  it.each([
    ['>= 1.10.0', [1, 10, 0]],
    ['>=1.5', [1, 5, 0]],
    ['~> 1.5', undefined],
    ['>= 1.5, < 2.0', undefined],
  ])('%s', (constraint, expected) => {
    expect(minimumOf(constraint)).toEqual(expected);
  });
});
