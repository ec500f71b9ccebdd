import { onlyResourceOfType, synthesize, testStack } from '@genai-sandbox/core/testing';
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_URL, GithubOidcProvider } from '../src';

describe('GithubOidcProvider', () => {
  it('registers GitHub Actions as issuer for the STS audience only, without a thumbprint', () => {
    const stack = testStack();
    const provider = new GithubOidcProvider(stack, 'Github');
    expect(onlyResourceOfType(synthesize(stack), 'aws_iam_openid_connect_provider')).toEqual({
      url: 'https://token.actions.githubusercontent.com',
      client_id_list: ['sts.amazonaws.com'],
    });
    expect([GITHUB_OIDC_URL, GITHUB_OIDC_AUDIENCE]).toEqual([
      'https://token.actions.githubusercontent.com',
      'sts.amazonaws.com',
    ]);
    expect(provider.providerArn).toMatch(/^\$\{TfToken\[/);
  });
});
