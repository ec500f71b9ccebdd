import { OpensearchserverlessAccessPolicy } from '@cdktf/provider-aws/lib/opensearchserverless-access-policy';
import { OpensearchserverlessCollection } from '@cdktf/provider-aws/lib/opensearchserverless-collection';
import { ConstructEnvironment, suppressPolicyRule } from '@genai-sandbox/core';
import { addStatements, type IGrantable } from '@genai-sandbox/security';
import type { PolicyStatement } from '@genai-sandbox/core';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { projectCollectionName } from './names';
import { AOSS_API_ACTIONS } from './perms';

/** One principal of the data access policy and the permissions it gets on the collection and index. */
export interface DataAccessGrant {
  /** What the principal is, shown in the policy. */
  readonly description: string;
  readonly principalArn: string;
  readonly collection: readonly string[];
  readonly index: readonly string[];
}

export interface VectorCollectionProps {
  /** Name of the one vector index the knowledge base uses. */
  readonly indexName: string;
  /** Exactly these principals may use the collection's data plane (knowledge base, index creator, deploy role). */
  readonly dataAccess: readonly DataAccessGrant[];
  /** Standby replicas in a second zone (twice the OCUs). @default false */
  readonly standbyReplicas?: boolean;
}

const INDEX_NAME = /^[a-z][a-z0-9_-]{0,79}$/;

/**
 * A project's OpenSearch Serverless VECTORSEARCH collection and its data access policy naming
 * exactly the given principals, each with its own permissions. The encryption and network
 * policies are the foundation stack's (VectorStoreAccess): they need the key ARN and the VPC
 * endpoint ID, which only foundation knows offline, and must exist before the collection.
 */
export class VectorCollection extends Construct {
  readonly name: string;
  readonly indexName: string;
  readonly collection: OpensearchserverlessCollection;
  readonly accessPolicy: OpensearchserverlessAccessPolicy;
  /** `https://<id>.<region>.aoss.amazonaws.com`. */
  readonly endpoint: string;
  readonly collectionArn: string;

  constructor(scope: Construct, id: string, props: VectorCollectionProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    this.name = projectCollectionName(this);
    const problems: string[] = [];
    if (!Token.isUnresolved(props.indexName) && !INDEX_NAME.test(props.indexName))
      problems.push(
        `indexName "${props.indexName}" is not 1-80 lower-case letters, digits, _ or -, starting with a letter`,
      );
    if (props.dataAccess.length === 0)
      problems.push('dataAccess is empty; name the principals that use the collection');
    for (const grant of props.dataAccess) {
      if (
        !Token.isUnresolved(grant.principalArn) &&
        !grant.principalArn.startsWith('arn:aws:iam::')
      )
        problems.push(
          `dataAccess principal "${grant.principalArn}" is not an IAM ARN; name a role, never "*"`,
        );
    }
    if (problems.length > 0)
      throw new Error(`VectorCollection ${this.node.path}:\n  ${problems.join('\n  ')}`);
    this.indexName = props.indexName;

    this.accessPolicy = new OpensearchserverlessAccessPolicy(this, 'DataAccess', {
      name: this.name,
      type: 'data',
      description: `Vector store of ${stack.projectName}: knowledge base, index creator and deploy role only`,
      policy: JSON.stringify(
        props.dataAccess.map((grant) => ({
          Description: grant.description,
          Rules: [
            ...(grant.collection.length > 0
              ? [
                  {
                    ResourceType: 'collection',
                    Resource: [`collection/${this.name}`],
                    Permission: [...grant.collection],
                  },
                ]
              : []),
            {
              ResourceType: 'index',
              Resource: [`index/${this.name}/${props.indexName}`],
              Permission: [...grant.index],
            },
          ],
          Principal: [grant.principalArn],
        })),
      ),
    });
    // Vectors can be rebuilt by ingestion, but not without an outage: production keeps them.
    this.collection = suppressPolicyRule(
      stack.protect(
        new OpensearchserverlessCollection(this, 'Resource', {
          name: this.name,
          type: 'VECTORSEARCH',
          description: `Vectors of the ${stack.projectName} knowledge base`,
          standbyReplicas: props.standbyReplicas ? 'ENABLED' : 'DISABLED',
        }),
      ),
      'aoss-encryption-customer-key',
      `The foundation stack's VectorStoreAccess holds the encryption policy "${this.name}" (AWSOwnedKey false, the platform key ARN) for collection/${this.name}; only foundation knows the key ARN offline, and foundation is applied first.`,
    );
    this.endpoint = this.collection.collectionEndpoint;
    this.collectionArn = this.collection.arn;
  }

  /** IAM data-plane access (aoss:APIAccessAll) to this collection only; the data access policy still decides what. */
  grantApiAccess(grantee: IGrantable, sid = 'VectorCollectionApi'): PolicyStatement[] {
    return addStatements(grantee, [
      { Sid: sid, Effect: 'Allow', Action: [...AOSS_API_ACTIONS], Resource: this.collectionArn },
    ]);
  }
}
