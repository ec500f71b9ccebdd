import { ApiGatewayAccount } from '@cdktf/provider-aws/lib/api-gateway-account';
import { PlatformStack } from '@genai-sandbox/core';
import { type IPermissionsBoundary, ServiceRole } from '@genai-sandbox/security';
import { Construct } from 'constructs';

export interface ApiGatewayAccountSettingsProps {
  readonly permissionsBoundary: IPermissionsBoundary;
}

/**
 * API Gateway's account settings (one per account and region): the role through which API
 * Gateway writes the logs of every REST API stage. Without it a stage with access logs, such as
 * each inference blueprint's, fails to deploy ("CloudWatch Logs role ARN must be set in account
 * settings"). The role may write only to the platform's API log groups,
 * `/<platform>/<env>/<project>/apigateway/...`. `reset_on_delete` is deprecated in this provider
 * version, so a destroy leaves the setting naming the deleted role, which logs nothing and harms
 * nothing.
 */
export class ApiGatewayAccountSettings extends Construct {
  readonly role: ServiceRole;
  readonly resource: ApiGatewayAccount;

  constructor(scope: Construct, id: string, props: ApiGatewayAccountSettingsProps) {
    super(scope, id);
    const stack = PlatformStack.of(this);
    this.role = new ServiceRole(this, 'Role', {
      purpose: 'apigateway-logs',
      description: "API Gateway writes the access logs of the platform's REST API stages",
      service: 'apigateway.amazonaws.com',
      permissionsBoundary: props.permissionsBoundary,
    });
    const groups = `arn:aws:logs:${stack.region}:${stack.accountId}:log-group:/${stack.config.platform.name}/${stack.environment.name}/*/apigateway/*`;
    this.role.addToPolicy({
      Sid: 'WritePlatformApiLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `${groups}:log-stream:*`,
    });
    this.role.addToPolicy({
      Sid: 'DescribePlatformApiLogStreams',
      Effect: 'Allow',
      Action: ['logs:DescribeLogStreams'],
      Resource: groups,
    });
    // The list call has no resource type in IAM; API Gateway looks the destination group up.
    this.role.addToPolicy({
      Sid: 'FindLogGroups',
      Effect: 'Allow',
      Action: ['logs:DescribeLogGroups'],
      Resource: '*',
    });
    this.resource = new ApiGatewayAccount(this, 'Resource', {
      cloudwatchRoleArn: this.role.roleArn,
      // API Gateway checks that it can assume the role and write with it.
      dependsOn: [this.role.policy],
    });
  }
}
