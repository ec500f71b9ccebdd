// Another team's cdktf app: its own stack, provider and backend, the platform's constructs with
// explicit values, and no file of the platform's configuration.
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ConstructEnvironment } from '@genai-sandbox/core';
import { PermissionsBoundary, PlatformKey, SageMakerJobRoles } from '@genai-sandbox/security';
import { AccessLogBucket, MlBucket } from '@genai-sandbox/storage';
import { App, S3Backend, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';

interface TeamMlStackProps {
  readonly accountId: string;
  readonly region: string;
  readonly stateBucket: string;
}

class TeamMlStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: TeamMlStackProps) {
    super(scope, id);
    new AwsProvider(this, 'Aws', {
      region: props.region,
      allowedAccountIds: [props.accountId],
      defaultTags: [{ tags: { team: 'risk', application: 'scoring' } }],
    });
    const backend = new S3Backend(this, {
      bucket: props.stateBucket,
      key: `${id}.tfstate`,
      region: props.region,
      encrypt: true,
    });
    backend.addOverride('use_lockfile', true);
    // Names `risk-dev-scoring-...`; the region comes from the provider above.
    ConstructEnvironment.attach(this, {
      platform: 'risk',
      environment: 'dev',
      project: 'scoring',
      accountId: props.accountId,
    });

    const key = new PlatformKey(this, 'Key', {
      purpose: 'data',
      description: 'Scoring data, models and logs',
      allowS3ServerAccessLogs: true,
    });
    const accessLogs = new AccessLogBucket(this, 'AccessLogs', { encryptionKey: key });
    const bucket = new MlBucket(this, 'MlBucket', {
      encryptionKey: key,
      accessLogBucket: accessLogs,
    });

    // The team's VPC, where SageMaker jobs must run.
    const vpcId = new TerraformVariable(this, 'vpc_id', {
      type: 'string',
      description: 'VPC the SageMaker jobs run in',
    });
    const roles = new SageMakerJobRoles(this, 'Jobs', {
      description: 'scoring models',
      encryptionKey: PlatformKey.fromAlias(this, key.aliasName),
      vpcArn: `arn:aws:ec2:${props.region}:${props.accountId}:vpc/${vpcId.stringValue}`,
      permissionsBoundary: new PermissionsBoundary(this, 'Boundary'),
    });
    bucket.grantRead(roles.jobRole, bucket.layout.data.raw);
    bucket.grantReadWrite(roles.jobRole, bucket.layout.artifacts.sagemakerCustom);

    new TerraformOutput(this, 'ml_bucket_name', {
      value: bucket.bucketName,
      description: 'The ML bucket of the scoring project',
    });
    new TerraformOutput(this, 'job_role_arn', {
      value: roles.jobRole.roleArn,
      description: 'The role SageMaker jobs of the scoring project run as',
    });
  }
}

const app = new App();
new TeamMlStack(app, 'team-ml-dev', {
  accountId: '210987654321',
  region: 'eu-central-1',
  stateBucket: 'risk-terraform-state-210987654321',
});
app.synth();
