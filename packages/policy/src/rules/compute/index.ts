import type { Rule } from '../../types';
import { apigatewayAccessLogging } from './apigateway-access-logging';
import { apigatewayThrottling } from './apigateway-throttling';
import { lambdaFailureDestination } from './lambda-failure-destination';
import { lambdaTracing } from './lambda-tracing';

export const computeRules: readonly Rule[] = [
  apigatewayAccessLogging,
  apigatewayThrottling,
  lambdaFailureDestination,
  lambdaTracing,
];
