import { OpensearchserverlessSecurityPolicy } from '@cdktf/provider-aws/lib/opensearchserverless-security-policy';
import { OpensearchserverlessVpcEndpoint } from '@cdktf/provider-aws/lib/opensearchserverless-vpc-endpoint';
import { ConstructEnvironment } from '@genai-sandbox/core';
import type { IKey } from '@genai-sandbox/security';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { AOSS_NAME_PATTERN, vectorCollectionName } from './names';

export interface VectorStoreAccessProps {
  /** The platform VPC. */
  readonly vpcId: string;
  /** Private subnets that get an endpoint interface. */
  readonly subnetIds: readonly string[];
  /** Security group of the interface endpoints (HTTPS from the VPC only). */
  readonly securityGroupIds: readonly string[];
  /** The platform key (owned by this stack: encryption policies need a key ARN, not an alias). */
  readonly encryptionKey: IKey;
  /** Projects of the environment whose profile includes the Bedrock blueprint. */
  readonly projects: readonly string[];
}

/** The Bedrock service principal: knowledge bases reach the collection as a service, not through the VPC. */
export const BEDROCK_SOURCE_SERVICE = 'bedrock.amazonaws.com';

/**
 * The account side of the projects' vector stores, in the foundation stack: one OpenSearch
 * Serverless VPC endpoint in the platform VPC, and per project an encryption policy (platform
 * key) and a network policy (that endpoint and Bedrock only, no public access, no Dashboards)
 * for the collection `<platform>-<env>-<project>`.
 *
 * Here and not in the blueprint stack because both policies need values only foundation has
 * offline: the key's ARN (other stacks know only its alias) and the endpoint's random ID.
 * Collection names are deterministic, so the policies exist before the blueprint creates the
 * collection, which then takes the platform key at creation (it cannot change it later).
 */
export class VectorStoreAccess extends Construct {
  readonly endpoint: OpensearchserverlessVpcEndpoint;
  readonly endpointId: string;
  readonly encryptionPolicies: ReadonlyMap<string, OpensearchserverlessSecurityPolicy>;
  readonly networkPolicies: ReadonlyMap<string, OpensearchserverlessSecurityPolicy>;

  constructor(scope: Construct, id: string, props: VectorStoreAccessProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    const { platform, environment } = stack.naming.context;
    const problems: string[] = [];
    if (!Token.isUnresolved(props.subnetIds) && props.subnetIds.length === 0)
      problems.push('subnetIds is empty; pass the private subnets, one per zone');
    if (!Token.isUnresolved(props.securityGroupIds) && props.securityGroupIds.length === 0)
      problems.push('securityGroupIds is empty; pass the interface endpoints security group');
    const endpointName = `${platform}-${environment}-aoss`;
    if (!AOSS_NAME_PATTERN.test(endpointName))
      problems.push(
        `endpoint name "${endpointName}" is not 3-32 lower-case letters, digits and hyphens; shorten the platform name`,
      );
    const names = new Map<string, string>();
    for (const project of props.projects) {
      try {
        names.set(project, vectorCollectionName(platform, environment, project));
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
    if (problems.length > 0)
      throw new Error(`VectorStoreAccess ${this.node.path}:\n  ${problems.join('\n  ')}`);

    this.endpoint = new OpensearchserverlessVpcEndpoint(this, 'Endpoint', {
      name: endpointName,
      vpcId: props.vpcId,
      subnetIds: [...props.subnetIds],
      securityGroupIds: [...props.securityGroupIds],
    });
    this.endpointId = this.endpoint.id;

    const encryption = new Map<string, OpensearchserverlessSecurityPolicy>();
    const network = new Map<string, OpensearchserverlessSecurityPolicy>();
    for (const [project, name] of names) {
      const rules = [{ ResourceType: 'collection', Resource: [`collection/${name}`] }];
      encryption.set(
        project,
        new OpensearchserverlessSecurityPolicy(this, `Encryption-${project}`, {
          name,
          type: 'encryption',
          description: `Vector store of ${project}: platform key`,
          policy: JSON.stringify({
            Rules: rules,
            AWSOwnedKey: false,
            KmsARN: props.encryptionKey.keyArn,
          }),
        }),
      );
      network.set(
        project,
        new OpensearchserverlessSecurityPolicy(this, `Network-${project}`, {
          name,
          type: 'network',
          description: `Vector store of ${project}: platform VPC endpoint and Bedrock only`,
          policy: JSON.stringify([
            {
              Description:
                'No public access: the platform VPC endpoint and Bedrock knowledge bases',
              Rules: rules,
              AllowFromPublic: false,
              SourceVPCEs: [this.endpointId],
              SourceServices: [BEDROCK_SOURCE_SERVICE],
            },
          ]),
        }),
      );
    }
    this.encryptionPolicies = encryption;
    this.networkPolicies = network;
  }
}
