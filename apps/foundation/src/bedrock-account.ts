import { ModelInvocationLogging, VectorStoreAccess } from '@genai-sandbox/bedrock';
import { projectsWithBlueprint } from '@genai-sandbox/config';
import { PlatformStack } from '@genai-sandbox/core';
import type { PlatformVpc } from '@genai-sandbox/networking';
import type { IPermissionsBoundary, PlatformKey } from '@genai-sandbox/security';
import { Construct } from 'constructs';

/** The Bedrock blueprint's app name, whose projects get a vector store here. */
export const BEDROCK_BLUEPRINT = 'genai-bedrock';

export interface BedrockAccountProps {
  readonly network: PlatformVpc;
  readonly platformKey: PlatformKey;
  readonly permissionsBoundary: IPermissionsBoundary;
}

/**
 * The account-level half of Bedrock: model invocation logging (one setting per account and
 * region) and, when a project of the environment has the genai-bedrock blueprint, the
 * OpenSearch Serverless VPC endpoint and the encryption and network policies of each such
 * project's collection (they need the key ARN and the endpoint ID, known here only).
 */
export class BedrockAccount extends Construct {
  readonly invocationLogging: ModelInvocationLogging;
  readonly vectorStores?: VectorStoreAccess;

  constructor(scope: Construct, id: string, props: BedrockAccountProps) {
    super(scope, id);
    const stack = PlatformStack.of(this);
    this.invocationLogging = new ModelInvocationLogging(this, 'InvocationLogging', {
      encryptionKey: props.platformKey,
      retentionDays: stack.environment.logRetentionDays,
      permissionsBoundary: props.permissionsBoundary,
    });
    const projects = projectsWithBlueprint(stack.config, stack.environment, BEDROCK_BLUEPRINT);
    if (projects.length > 0) {
      this.vectorStores = new VectorStoreAccess(this, 'VectorStores', {
        vpcId: props.network.vpcId,
        subnetIds: props.network.privateSubnetIds,
        securityGroupIds: [props.network.endpointSecurityGroupId],
        encryptionKey: props.platformKey,
        projects: projects.map((project) => project.name),
      });
    }
  }
}
