import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ConstructEnvironment } from '@genai-sandbox/core';
import { S3Backend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';

export class TeamStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'Aws', { region: 'eu-central-1', allowedAccountIds: ['210987654321'] });
    new S3Backend(this, {
      bucket: 'risk-terraform-state-210987654321',
      key: `${id}.tfstate`,
      region: 'eu-central-1',
      encrypt: true,
    });
    ConstructEnvironment.attach(this, {
      platform: 'risk', // first part of every name: risk-dev-scoring-...
      environment: 'dev',
      project: 'scoring', // @default - none
      accountId: '210987654321', // bucket names and ARNs carry it, so it is a literal
      // region: @default - the AwsProvider's; logRetentionDays: 365; preventDestroy: false
    });
    // Then the constructs, as in a PlatformStack:
    //   new PlatformKey(this, 'Key', { purpose: 'data', description: 'Scoring data' });
  }
}
