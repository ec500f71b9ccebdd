import type { ServerResponse } from 'node:http';
import { identityOf, promotionKeyFor } from '../accounts';
import type { AwsRequest, AwsTestServer, ServiceModule } from '../server';

const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/**
 * STS Query (form in, XML out): GetCallerIdentity for the test identities (accounts.ts), and
 * AssumeRole of an account's promotion role by that account's deploy caller.
 */
export class StsService implements ServiceModule {
  readonly name = 'sts';

  matches(request: AwsRequest): boolean {
    return request.signingName === 'sts';
  }

  handle(request: AwsRequest, response: ServerResponse, server: AwsTestServer): void {
    const key = request.accessKeyId;
    const body = request.body.toString('utf8');
    const params = Object.fromEntries(new URLSearchParams(body));
    server.record('sts', params.Action, key, params.RoleArn ?? '');
    const xml = (status: number, text: string): void => {
      response.writeHead(status, { 'content-type': 'text/xml' }).end(text);
    };
    const identity = (arn: string, account: string): void =>
      xml(
        200,
        `<GetCallerIdentityResponse xmlns="${STS_NS}"><GetCallerIdentityResult><Arn>${arn}</Arn><UserId>AROA:x</UserId>` +
          `<Account>${account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      );
    const caller = identityOf(key);
    if (params.Action === 'GetCallerIdentity' && caller) {
      const role =
        caller.role === 'deploy'
          ? `genai-${caller.environment}-github-deploy/GitHubActions`
          : `genai-${caller.environment}-promotion/platform-preflight-${caller.environment}`;
      return identity(`arn:aws:sts::${caller.account}:assumed-role/${role}`, caller.account);
    }
    // A deploy caller may assume its own account's promotion role, and nothing else.
    const promotionKey = promotionKeyFor(key);
    if (
      params.Action === 'AssumeRole' &&
      caller &&
      promotionKey &&
      params.RoleArn?.startsWith(`arn:aws:iam::${caller.account}:role/`)
    ) {
      const expiration = new Date(Date.now() + 15 * 60_000).toISOString();
      return xml(
        200,
        `<AssumeRoleResponse xmlns="${STS_NS}"><AssumeRoleResult><AssumedRoleUser><Arn>arn:aws:sts::${caller.account}:assumed-role/genai-${caller.environment}-promotion/${params.RoleSessionName}</Arn>` +
          `<AssumedRoleId>AROA:${params.RoleSessionName}</AssumedRoleId></AssumedRoleUser><Credentials><AccessKeyId>${promotionKey}</AccessKeyId>` +
          `<SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken><Expiration>${expiration}</Expiration></Credentials>` +
          `</AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>`,
      );
    }
    xml(
      403,
      `<ErrorResponse xmlns="${STS_NS}"><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code>` +
        `<Message>The security token included in the request is invalid.</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
    );
  }
}
