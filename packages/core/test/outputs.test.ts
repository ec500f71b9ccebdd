import { addOutput } from '../src';
import { synthesize, testStack } from '../src/testing';

describe('addOutput', () => {
  it('creates a described snake_case output', () => {
    const stack = testStack();
    addOutput(stack, 'vpc_id', { value: 'vpc-123', description: 'The VPC' });
    expect(synthesize(stack).output).toEqual({
      vpc_id: { value: 'vpc-123', description: 'The VPC' },
    });
  });

  it('fails when the name is not snake_case', () => {
    expect(() => addOutput(testStack(), 'vpcId', { value: 'x', description: 'The VPC' })).toThrow(
      /must be snake_case/,
    );
  });

  it('fails when the description is empty', () => {
    expect(() => addOutput(testStack(), 'vpc_id', { value: 'x', description: ' ' })).toThrow(
      /needs a description/,
    );
  });
});
