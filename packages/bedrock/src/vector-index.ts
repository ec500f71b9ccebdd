import { CloudformationStack } from '@cdktf/provider-aws/lib/cloudformation-stack';
import { ServiceRole } from '@genai-sandbox/security';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { AOSS_INDEX_ACTIONS } from './perms';
import type { VectorCollection } from './vector-collection';
import { buildIndexTemplate, type IndexTemplate } from './vector-index-template';

export interface VectorIndexProps {
  readonly collection: VectorCollection;
  /** The execution role (VectorIndex.createRole), created before the collection's data access policy names it. */
  readonly role: ServiceRole;
  /** Vector dimensions, those of the configured embedding model. */
  readonly dimensions: number;
  /** What must exist first besides the collection and the role's policy: the data access policy. */
  readonly dependsOn?: readonly ITerraformDependable[];
}

const CLOUDFORMATION_STACK_NAME = /^[a-zA-Z][a-zA-Z0-9-]{0,127}$/;

/** Sids of the index creator's statements. */
export const INDEX_CREATOR_SIDS = { api: 'CollectionApi', index: 'ManageVectorIndex' } as const;

/** `<collection>-vector-index`: the CloudFormation stack that holds the index. */
export function indexStackName(collectionName: string): string {
  const name = `${collectionName}-vector-index`;
  if (!CLOUDFORMATION_STACK_NAME.test(name))
    throw new Error(
      `CloudFormation stack name "${name}" is not 1-128 letters, digits and hyphens starting with a letter`,
    );
  return name;
}

/**
 * The knowledge base's vector index, as a CloudFormation stack holding one
 * AWS::OpenSearchServerless::Index, created by Terraform (`aws_cloudformation_stack`) with an
 * execution role that may only reach this collection. CloudFormation creates the index,
 * reports failures, rolls a failed creation back (on_failure DELETE, so the next apply starts
 * clean) and deletes the index when the stack is destroyed; no function to build or run.
 */
export class VectorIndex extends Construct {
  /**
   * The CloudFormation execution role, for this index stack only. Created apart from the index
   * because the collection's data access policy must name it before the index exists.
   */
  static createRole(scope: Construct, id: string, collectionName: string): ServiceRole {
    // No aws:SourceArn pattern: CloudFormation is not documented to send one when it assumes a
    // stack's service role; the account condition of ServiceRole and the role's own narrow policy
    // (this collection only) are the guard, and only the deploy role may pass it.
    return new ServiceRole(scope, id, {
      purpose: 'vector-index',
      description: `CloudFormation creates and deletes the vector index of ${collectionName}`,
      service: 'cloudformation.amazonaws.com',
    });
  }

  readonly role: ServiceRole;
  readonly template: IndexTemplate;
  readonly stack: CloudformationStack;
  readonly indexName: string;

  constructor(scope: Construct, id: string, props: VectorIndexProps) {
    super(scope, id);
    this.role = props.role;
    props.collection.grantApiAccess(this.role, INDEX_CREATOR_SIDS.api);
    // The index actions have no resource type in IAM; the data access policy limits them to this index.
    this.role.addToPolicy({
      Sid: INDEX_CREATOR_SIDS.index,
      Effect: 'Allow',
      Action: [...AOSS_INDEX_ACTIONS],
      Resource: '*',
    });
    this.indexName = props.collection.indexName;
    this.template = buildIndexTemplate({
      collectionEndpoint: props.collection.endpoint,
      indexName: this.indexName,
      dimensions: props.dimensions,
      description: `Vector index ${this.indexName} of ${props.collection.name} (FAISS, ${props.dimensions} dimensions)`,
    });
    this.stack = new CloudformationStack(this, 'Resource', {
      name: indexStackName(props.collection.name),
      templateBody: JSON.stringify(this.template),
      iamRoleArn: this.role.roleArn,
      onFailure: 'DELETE',
      timeoutInMinutes: 15,
      dependsOn: [props.collection.collection, this.role.policy, ...(props.dependsOn ?? [])],
    });
  }
}
