import type { Rule } from '../../types';
import { apigatewayAccessLogging } from './apigateway-access-logging';
import { apigatewayThrottling } from './apigateway-throttling';
import { lambdaEnvironmentKms } from './lambda-environment-kms';
import { lambdaFailureDestination } from './lambda-failure-destination';
import { lambdaLogGroup } from './lambda-log-group';
import { lambdaTracing } from './lambda-tracing';

export const computeRules: readonly Rule[] = [
  apigatewayAccessLogging,
  apigatewayThrottling,
  lambdaEnvironmentKms,
  lambdaFailureDestination,
  lambdaLogGroup,
  lambdaTracing,
];
