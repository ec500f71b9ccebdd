import { onlyResourceOfType, plainTestStack, synthesize } from '@genai-sandbox/core/testing';
import { DataZoneRole } from '../src';

describe('smus constructs in a plain TerraformStack', () => {
  it('synthesize a DataZone role named and trusted from the explicit values', () => {
    const stack = plainTestStack({ platform: 'risk' });
    const role = new DataZoneRole(stack, 'Provisioning', 'provisioning', '111111111111');
    const json = synthesize(stack);
    expect(role.roleName).toBe('risk-dev-smus-provisioning');
    expect(onlyResourceOfType(json, 'aws_iam_role').assume_role_policy).toContain('111111111111');
  });
});
