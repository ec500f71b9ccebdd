import type { ServerResponse } from 'node:http';
import { awsJson, awsJsonError } from '../protocols';
import type { AwsRequest, AwsTestServer, ServiceModule } from '../server';

const REGION = 'eu-west-1';
const ACCOUNT = '111111111111';

/**
 * Secrets Manager, AWS JSON 1.1 (X-Amz-Target `secretsmanager.<Action>`): GetSecretValue of the
 * secrets put here, by name or ARN. A key not allowed to read a secret gets AccessDeniedException
 * (as a resource policy or missing IAM grant gives), an unknown secret ResourceNotFoundException.
 */
export class SecretsManagerService implements ServiceModule {
  readonly name = 'secretsmanager';
  private readonly secrets = new Map<
    string,
    { arn: string; value: string; readers: readonly string[] }
  >();

  /** Stores a secret that only `readers` (access key IDs) may read; returns its ARN. */
  putSecret(name: string, value: string, readers: readonly string[]): string {
    const arn = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${name}-AbCdEf`;
    this.secrets.set(name, { arn, value, readers });
    return arn;
  }

  deleteSecret(name: string): void {
    this.secrets.delete(name);
  }

  matches(request: AwsRequest): boolean {
    return request.signingName === 'secretsmanager';
  }

  handle(request: AwsRequest, response: ServerResponse, server: AwsTestServer): void {
    const action = String(request.headers['x-amz-target'] ?? '').replace(/^secretsmanager\./, '');
    let input: { SecretId?: unknown };
    try {
      input = JSON.parse(request.body.toString('utf8') || '{}') as { SecretId?: unknown };
    } catch {
      server.record(this.name, action, request.accessKeyId);
      return awsJsonError(response, 'SerializationException', 'Malformed request body.');
    }
    const secretId = String(input.SecretId ?? '');
    server.record(this.name, action, request.accessKeyId, secretId);
    if (request.headers['content-type'] !== 'application/x-amz-json-1.1')
      return awsJsonError(response, 'UnrecognizedClientException', 'Unsupported content type.');
    const fault = server.takeFault(this.name, action);
    if (fault)
      return awsJson(response, fault.status, {
        __type: fault.code,
        Message: fault.message ?? fault.code,
      });
    if (action !== 'GetSecretValue')
      return awsJsonError(response, 'UnknownOperationException', `not faked: ${action}`);
    const secret = [...this.secrets.entries()].find(
      ([name, candidate]) => name === secretId || candidate.arn === secretId,
    );
    if (!secret)
      return awsJsonError(
        response,
        'ResourceNotFoundException',
        "Secrets Manager can't find the specified secret.",
      );
    const [name, { arn, value, readers }] = secret;
    if (!request.accessKeyId || !readers.includes(request.accessKeyId))
      return awsJsonError(
        response,
        'AccessDeniedException',
        `User is not authorized to perform: secretsmanager:GetSecretValue on resource: ${secretId}`,
      );
    awsJson(response, 200, {
      ARN: arn,
      Name: name,
      VersionId: '00000000-0000-0000-0000-000000000001',
      SecretString: value,
      VersionStages: ['AWSCURRENT'],
      CreatedDate: 1_800_000_000,
    });
  }
}
