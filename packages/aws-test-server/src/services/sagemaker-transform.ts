import type { ServerResponse } from 'node:http';
import { REGION } from '../accounts';
import type { AwsRequest, AwsTestServer, ServiceModule } from '../server';

/** A transform job as CreateTransformJob received it, with the status the world gives it. */
export interface TransformJob {
  readonly name: string;
  readonly arn: string;
  /** The whole request body, for assertions on the job's configuration. */
  readonly request: Readonly<Record<string, unknown>>;
  status: 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';
  readonly created: number;
}

const ACTIONS = ['CreateTransformJob', 'DescribeTransformJob', 'ListTransformJobs'] as const;
/** SageMaker's name rule for transform jobs (CreateTransformJob, TransformJobName). */
const JOB_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

/**
 * SageMaker's batch transform calls, AWS JSON 1.1 (X-Amz-Target `SageMaker.<Action>`):
 * CreateTransformJob, DescribeTransformJob and ListTransformJobs (StatusEquals, NameContains, pages
 * of MaxResults) over the jobs of one account. Names are unique per
 * account as in AWS: a second create with the same name is `ResourceInUse`, whatever the
 * request. Only `allowedKeys` may call (AccessDeniedException otherwise). Claims only these two
 * actions: in a server with the registry module (`SageMakerService`, which claims every
 * SageMaker JSON call), put this one first.
 */
export class SageMakerTransformService implements ServiceModule {
  readonly name = 'sagemaker-transform';
  readonly jobs: TransformJob[] = [];

  constructor(
    private readonly allowedKeys: readonly string[],
    private readonly account = '111111111111',
  ) {}

  matches(request: AwsRequest): boolean {
    return (
      request.signingName === 'sagemaker' &&
      (ACTIONS as readonly string[]).includes(actionOf(request))
    );
  }

  handle(request: AwsRequest, response: ServerResponse, server: AwsTestServer): void {
    const action = actionOf(request);
    const input = JSON.parse(request.body.toString('utf8') || '{}') as Record<string, unknown>;
    const name = String(input.TransformJobName ?? '');
    const json = (status: number, value: unknown): void => {
      response
        .writeHead(status, { 'content-type': 'application/x-amz-json-1.1' })
        .end(JSON.stringify(value));
    };
    const fail = (status: number, type: string, message: string): void =>
      json(status, { __type: type, Message: message });
    server.record(this.name, action, request.accessKeyId, name);
    const arn = `arn:aws:sagemaker:${REGION}:${this.account}:transform-job/${name.toLowerCase()}`;
    if (!request.accessKeyId || !this.allowedKeys.includes(request.accessKeyId))
      return fail(
        400,
        'AccessDeniedException',
        `User is not authorized to perform: sagemaker:${action} on resource: ${arn}`,
      );
    const fault = server.takeFault(this.name, action);
    if (fault) return fail(fault.status, fault.code, fault.message ?? fault.code);
    if (action === 'ListTransformJobs') return json(200, this.list(input));
    if (!JOB_NAME.test(name))
      return fail(
        400,
        'ValidationException',
        `1 validation error detected: Value '${name}' at 'transformJobName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}`,
      );
    const existing = this.jobs.find((job) => job.name === name);
    if (action === 'CreateTransformJob') {
      if (existing)
        return fail(
          400,
          'ResourceInUse',
          `Job name must be unique within an AWS account and region, and a job with this name already exists (${existing.arn})`,
        );
      this.jobs.push({
        name,
        arn,
        request: input,
        status: 'InProgress',
        created: 1_800_000_000 + this.jobs.length,
      });
      return json(200, { TransformJobArn: arn });
    }
    if (!existing)
      return fail(400, 'ResourceNotFound', `Could not find requested job with name ${name}`);
    return json(200, {
      ...existing.request,
      TransformJobArn: existing.arn,
      TransformJobStatus: existing.status,
      CreationTime: existing.created,
    });
  }

  private list(input: Record<string, unknown>) {
    const matching = this.jobs.filter(
      (job) =>
        (input.StatusEquals === undefined || job.status === input.StatusEquals) &&
        (input.NameContains === undefined || job.name.includes(String(input.NameContains))),
    );
    const start = Number(input.NextToken ?? 0);
    const size = Number(input.MaxResults ?? 10);
    const page = matching.slice(start, start + size);
    return {
      TransformJobSummaries: page.map((job) => ({
        TransformJobName: job.name,
        TransformJobArn: job.arn,
        TransformJobStatus: job.status,
        CreationTime: job.created,
      })),
      ...(start + size < matching.length && { NextToken: String(start + size) }),
    };
  }
}

function actionOf(request: AwsRequest): string {
  return String(request.headers['x-amz-target'] ?? '').replace(/^SageMaker\./, '');
}
