import type { ServerResponse } from 'node:http';
import { CALLER_KEY, DEV, PROMOTION_KEY, TEST, WRONG_ACCOUNT_KEY } from '../accounts';
import type { AwsRequest, AwsTestServer, ServiceModule } from '../server';

const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/**
 * STS Query (form in, XML out): GetCallerIdentity for the three test identities, and AssumeRole
 * of the promotion role by the deploy caller.
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
    if (params.Action === 'GetCallerIdentity' && key === CALLER_KEY)
      return identity(
        `arn:aws:sts::${TEST}:assumed-role/genai-test-github-deploy/GitHubActions`,
        TEST,
      );
    if (params.Action === 'GetCallerIdentity' && key === WRONG_ACCOUNT_KEY)
      return identity(
        `arn:aws:sts::${DEV}:assumed-role/genai-dev-github-deploy/GitHubActions`,
        DEV,
      );
    if (params.Action === 'GetCallerIdentity' && key === PROMOTION_KEY)
      return identity(
        `arn:aws:sts::${TEST}:assumed-role/genai-test-promotion/platform-preflight-test`,
        TEST,
      );
    if (params.Action === 'AssumeRole' && key === CALLER_KEY) {
      const expiration = new Date(Date.now() + 15 * 60_000).toISOString();
      return xml(
        200,
        `<AssumeRoleResponse xmlns="${STS_NS}"><AssumeRoleResult><AssumedRoleUser><Arn>arn:aws:sts::${TEST}:assumed-role/genai-test-promotion/${params.RoleSessionName}</Arn>` +
          `<AssumedRoleId>AROA:${params.RoleSessionName}</AssumedRoleId></AssumedRoleUser><Credentials><AccessKeyId>${PROMOTION_KEY}</AccessKeyId>` +
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
