import type { ServerResponse } from 'node:http';
import { promotionAccountOf, REGION } from '../accounts';
import type { ModelPackage, PromotionState } from '../promotion-state';
import type { AwsRequest, AwsTestServer, ServiceModule } from '../server';

/**
 * SageMaker's control plane, AWS JSON 1.1 (X-Amz-Target): the model registry calls of
 * `platform promote`, over the packages the world holds.
 */
export class SageMakerService implements ServiceModule {
  readonly name = 'sagemaker';

  constructor(private readonly world: PromotionState) {}

  matches(request: AwsRequest): boolean {
    return request.signingName === 'sagemaker' && 'x-amz-target' in request.headers;
  }

  handle(request: AwsRequest, response: ServerResponse, server: AwsTestServer): void {
    const key = request.accessKeyId;
    const text = request.body.toString('utf8');
    const action = String(request.headers['x-amz-target'] ?? '').replace(/^SageMaker\./, '');
    const input = JSON.parse(text || '{}') as Record<string, unknown>;
    const json = (status: number, value: unknown): void => {
      response
        .writeHead(status, { 'content-type': 'application/x-amz-json-1.1' })
        .end(JSON.stringify(value));
    };
    const fail = (type: string, message: string): void =>
      json(400, { __type: type, Message: message });
    // Every SageMaker call of promote runs as a promotion role, an identity of its target account.
    const account = promotionAccountOf(key);
    if (!account || request.headers['content-type'] !== 'application/x-amz-json-1.1') {
      server.record('sagemaker', action, key);
      return fail(
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
      );
    }
    if (action === 'DescribeModelPackage') {
      server.record('sagemaker', action, key, String(input.ModelPackageName));
      const pkg = this.world.packages.find((candidate) => candidate.arn === input.ModelPackageName);
      if (!pkg)
        return fail(
          'ValidationException',
          `ModelPackage ${String(input.ModelPackageName)} does not exist.`,
        );
      return json(200, {
        ModelPackageName: pkg.group,
        ModelPackageGroupName: pkg.group,
        ModelPackageVersion: pkg.version,
        ModelPackageArn: pkg.arn,
        CreationTime: pkg.created,
        InferenceSpecification: pkg.inferenceSpecification,
        ModelPackageStatus: 'Completed',
        ModelApprovalStatus: pkg.status,
        ...(pkg.customerMetadata && { CustomerMetadataProperties: pkg.customerMetadata }),
      });
    }
    if (action === 'ListModelPackages') {
      server.record('sagemaker', action, key, String(input.ModelPackageGroupName));
      const list = this.world.packages
        .filter((pkg) => pkg.account === account && pkg.group === input.ModelPackageGroupName)
        .sort((a, b) => b.created - a.created);
      return json(200, {
        ModelPackageSummaryList: list.map((pkg) => ({
          ModelPackageArn: pkg.arn,
          ModelPackageGroupName: pkg.group,
          ModelPackageVersion: pkg.version,
          CreationTime: pkg.created,
          ModelPackageStatus: 'Completed',
          ModelApprovalStatus: pkg.status,
        })),
      });
    }
    if (action === 'CreateModelPackage') {
      const group = String(input.ModelPackageGroupName);
      server.record('sagemaker', action, key, group);
      if (this.world.createFault)
        return fail(this.world.createFault, 'Model package group does not exist.');
      const same = this.world.packages.find(
        (pkg) => pkg.clientToken && pkg.clientToken === input.ClientToken,
      );
      if (same) return json(200, { ModelPackageArn: same.arn });
      const version =
        this.world.packages.filter((pkg) => pkg.account === account && pkg.group === group).length +
        1;
      const pkg: ModelPackage = {
        arn: `arn:aws:sagemaker:${REGION}:${account}:model-package/${group}/${version}`,
        account,
        group,
        version,
        status: String(input.ModelApprovalStatus ?? 'PendingManualApproval'),
        created: 1_800_000_000 + this.world.packages.length,
        inferenceSpecification: input.InferenceSpecification as Record<string, unknown>,
        customerMetadata: input.CustomerMetadataProperties as Record<string, string>,
        clientToken: input.ClientToken as string | undefined,
      };
      this.world.packages.push(pkg);
      return json(200, { ModelPackageArn: pkg.arn });
    }
    if (action === 'UpdateModelPackage') {
      server.record('sagemaker', action, key, String(input.ModelPackageArn));
      const pkg = this.world.packages.find(
        (candidate) => candidate.account === account && candidate.arn === input.ModelPackageArn,
      );
      if (!pkg)
        return fail(
          'ValidationException',
          `ModelPackage ${String(input.ModelPackageArn)} does not exist.`,
        );
      if (input.ModelApprovalStatus) pkg.status = String(input.ModelApprovalStatus);
      return json(200, { ModelPackageArn: pkg.arn });
    }
    server.record('sagemaker', action, key);
    fail('UnknownOperationException', `not faked: ${action}`);
  }
}
