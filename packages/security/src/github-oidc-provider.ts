import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { Construct } from 'constructs';
import { GITHUB_OIDC_HOST } from './github-oidc-role';

/** The issuer of GitHub Actions' OIDC tokens. */
export const GITHUB_OIDC_URL = `https://${GITHUB_OIDC_HOST}`;
/** The audience aws-actions/configure-aws-credentials requests; trust policies pin it. */
export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';

/**
 * The account's IAM identity provider for GitHub Actions (one per account and issuer URL). Only
 * the STS audience is registered, so tokens minted for anything else are refused before any trust
 * policy is read.
 *
 * No thumbprint is set: since July 2023 IAM validates GitHub's certificate against its own trusted
 * root CAs and ignores configured thumbprints for this issuer, and hashicorp/aws 5.100.0 makes
 * `thumbprint_list` optional (computed by IAM when left out).
 */
export class GithubOidcProvider extends Construct {
  readonly providerArn: string;
  readonly resource: IamOpenidConnectProvider;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.resource = new IamOpenidConnectProvider(this, 'Resource', {
      url: GITHUB_OIDC_URL,
      clientIdList: [GITHUB_OIDC_AUDIENCE],
    });
    this.providerArn = this.resource.arn;
  }
}
