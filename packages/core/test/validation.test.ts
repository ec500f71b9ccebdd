import { TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { isDeployTime, PropProblems, throwIfProblems } from '../src';
import { testStack } from '../src/testing';

describe('PropProblems', () => {
  const construct = () => new Construct(testStack(), 'Thing');

  it('reports every problem in one error naming the construct, the prop and the value', () => {
    const problems = new PropProblems()
      .add('days', 0, 'use at least 1')
      .addAll([{ prop: 'name', received: 'a b', message: 'no spaces' }]);
    expect(() => problems.throwIfAny(construct(), 'Thing')).toThrow(
      'Thing test-dev/Thing: 2 invalid props:\n  - days (received 0): use at least 1\n  - name (received "a b"): no spaces',
    );
  });

  it('turns a throwing check into a problem, and skips it for a deploy-time value', () => {
    const scope = construct();
    const variable = new TerraformVariable(scope, 'name', { type: 'string' }).stringValue;
    const fail = () => {
      throw new Error('not allowed');
    };
    const problems = new PropProblems().check('name', 'x', fail).check('other', variable, fail);
    expect(problems.problems).toEqual([{ prop: 'name', received: 'x', message: 'not allowed' }]);
    expect(isDeployTime(variable)).toBe(true);
    expect(isDeployTime('literal')).toBe(false);
  });

  it('does not throw without problems', () => {
    expect(() => new PropProblems().throwIfAny(construct(), 'Thing')).not.toThrow();
    expect(() => throwIfProblems(construct(), 'Thing', [])).not.toThrow();
  });
});
