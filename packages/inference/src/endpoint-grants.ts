import {
  SAGEMAKER_INVOKE_ACTIONS,
  SAGEMAKER_INVOKE_ASYNC_ACTIONS,
  sagemakerEndpointArn,
} from '@genai-sandbox/compute';
import { ConstructEnvironment, type PolicyStatement } from '@genai-sandbox/core';
import { addStatements, type IGrantable } from '@genai-sandbox/security';
import type { Construct } from 'constructs';

export interface EndpointInvokeOptions {
  /** The endpoint is asynchronous: InvokeEndpointAsync instead of InvokeEndpoint. @default false */
  readonly asynchronous?: boolean;
  /** @default 'InvokeProjectEndpoint' */
  readonly sid?: string;
}

/**
 * Invoking one SageMaker endpoint of this stack's account and region, named before it exists (an
 * inference stack without a release names the endpoint its first release creates): InvokeEndpoint,
 * or InvokeEndpointAsync for an asynchronous endpoint. Returns the statements added.
 */
export function grantEndpointInvoke(
  scope: Construct,
  grantee: IGrantable,
  endpointName: string,
  options: EndpointInvokeOptions = {},
): PolicyStatement[] {
  const { region, accountId } = ConstructEnvironment.of(scope);
  return addStatements(grantee, [
    {
      Sid: options.sid ?? 'InvokeProjectEndpoint',
      Effect: 'Allow',
      Action: [
        ...(options.asynchronous ? SAGEMAKER_INVOKE_ASYNC_ACTIONS : SAGEMAKER_INVOKE_ACTIONS),
      ],
      Resource: sagemakerEndpointArn(region, accountId, endpointName),
    },
  ]);
}
