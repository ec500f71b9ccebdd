import { attribute } from '../../model/stack-model';
import { COMPLIANT, nonCompliant, type Rule } from '../../types';
import { blocks, isSet } from '../values';

export const apigatewayAccessLogging: Rule = {
  id: 'apigateway-access-logging',
  title: 'API Gateway stages write access logs',
  explanation:
    'Access logs are the only record of who called an API, from where, with which identity and with what result; without them an abused or leaked credential leaves no trace at the API, and incidents cannot be scoped.',
  fix: 'Give the stage accessLogSettings with destinationArn the ARN of a CloudWatch log group encrypted with the PlatformKey (@genai-sandbox/security) and with retention, and a JSON format with at least $context.requestId, $context.identity.sourceIp, $context.identity.caller or $context.authorizer.principalId, and $context.status.',
  severity: 'error',
  resourceTypes: ['aws_api_gateway_stage', 'aws_apigatewayv2_stage'],
  check({ resource }) {
    const settings = blocks(attribute(resource, 'access_log_settings'));
    if (settings.length === 0)
      return nonCompliant(
        'access_log_settings is not set: requests to the stage leave no access log',
      );
    if (!settings.some((setting) => isSet(setting.destination_arn)))
      return nonCompliant(
        'access_log_settings has no destination_arn: no log group receives the access logs',
      );
    return COMPLIANT;
  },
};
