import { synthesize, testStack } from '@genai-sandbox/core/testing';
import { TerraformVariable } from 'cdktf';
import { GithubOidcRole, PermissionsBoundary, ServiceRole } from '../src';

/**
 * Props only known at deploy time (variables, other resources' attributes) cannot be checked at
 * synth time: the constructs let them through and leave them to IAM.
 */
describe('security constructs given deploy-time values', () => {
  it('GithubOidcRole accepts its repository, subjects and session length from variables', () => {
    const stack = testStack();
    const text = (name: string) =>
      new TerraformVariable(stack, name, { type: 'string' }).stringValue;
    const repository = text('repository');
    new GithubOidcRole(stack, 'Deploy', {
      purpose: 'github-deploy',
      description: 'Deploys dev',
      providerArn: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com',
      repository,
      subjects: [{ environment: text('environment') }, { branch: text('branch') }],
      jobWorkflowRefs: [`${repository}/.github/workflows/deploy.yml@refs/heads/main`],
      maxSessionDurationSeconds: new TerraformVariable(stack, 'duration', { type: 'number' })
        .numberValue,
      permissionsBoundary: new PermissionsBoundary(stack, 'Boundary'),
      statements: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
    });
    expect(() => synthesize(stack)).not.toThrow();
  });

  it('ServiceRole accepts its service, source ARNs and session length from variables', () => {
    const stack = testStack();
    new ServiceRole(stack, 'Role', {
      purpose: 'jobs',
      description: 'Jobs',
      service: new TerraformVariable(stack, 'service', { type: 'string' }).stringValue,
      sourceArns: [new TerraformVariable(stack, 'source', { type: 'string' }).stringValue],
      maxSessionDurationSeconds: new TerraformVariable(stack, 'duration', { type: 'number' })
        .numberValue,
      statements: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
    });
    expect(() => synthesize(stack)).not.toThrow();
  });
});
