import { BedrockagentDataSource } from '@cdktf/provider-aws/lib/bedrockagent-data-source';
import { BedrockagentKnowledgeBase } from '@cdktf/provider-aws/lib/bedrockagent-knowledge-base';
import { EMBEDDING_MODELS, type KnowledgeBaseSettings } from '@genai-sandbox/config';
import {
  ConstructEnvironment,
  type PolicyStatement,
  suppressPolicyRule,
} from '@genai-sandbox/core';
import { addStatements, type IGrantable, type ServiceRole } from '@genai-sandbox/security';
import type { IMlBucket } from '@genai-sandbox/storage';
import { Construct } from 'constructs';
import { chunkingConfiguration } from './chunking';
import { KNOWLEDGE_BASE_RETRIEVE_ACTIONS } from './perms';
import type { VectorCollection } from './vector-collection';
import type { VectorIndex } from './vector-index';
import { VECTOR_FIELDS } from './vector-index-template';

export interface KnowledgeBaseProps {
  readonly settings: KnowledgeBaseSettings;
  /** The role Bedrock assumes (knowledgeBaseRole): named by the collection's data access policy. */
  readonly role: ServiceRole;
  readonly collection: VectorCollection;
  readonly index: VectorIndex;
  readonly bucket: IMlBucket;
}

/** Sids the knowledge base adds to its role. */
export const KNOWLEDGE_BASE_SIDS = {
  embed: 'InvokeEmbeddingModel',
  collection: 'VectorCollectionApi',
} as const;

/** `arn:aws:bedrock:<region>::foundation-model/<id>`: base models have no account. */
export function foundationModelArn(region: string, modelId: string): string {
  return `arn:aws:bedrock:${region}::foundation-model/${modelId}`;
}

/**
 * A Bedrock knowledge base on the project's vector index, with one S3 data source: the
 * configured prefix of the project's ML bucket, chunked as configured. Created after the index
 * (depends_on), since Bedrock checks the index and its field mapping at creation.
 *
 * The data deletion policy is RETAIN on purpose: with DELETE, deleting the data source first
 * deletes its vectors through the collection, and a destroy that has already removed access
 * leaves the data source stuck in DELETE_UNSUCCESSFUL. The vectors go with the index and the
 * collection, which the same destroy deletes.
 */
export class KnowledgeBase extends Construct {
  readonly resource: BedrockagentKnowledgeBase;
  readonly dataSource: BedrockagentDataSource;
  readonly knowledgeBaseId: string;
  readonly knowledgeBaseArn: string;

  constructor(scope: Construct, id: string, props: KnowledgeBaseProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    const { settings, role, collection, bucket } = props;
    const embeddingModelArn = foundationModelArn(stack.region, settings.embeddingModel);
    role.addToPolicy({
      Sid: KNOWLEDGE_BASE_SIDS.embed,
      Effect: 'Allow',
      Action: ['bedrock:InvokeModel'],
      Resource: embeddingModelArn,
    });
    // Guardrails screen generated text; an embedding call carries no guardrail to name.
    suppressPolicyRule(
      role.policy,
      'bedrock-invoke-requires-guardrail',
      `The knowledge base role invokes only the embedding model ${settings.embeddingModel} (Resource names it alone); guardrails apply to text generation, and Bedrock's embedding calls during ingestion carry no guardrail identifier.`,
    );
    collection.grantApiAccess(role, KNOWLEDGE_BASE_SIDS.collection);
    bucket.grantRead(role, settings.dataPrefix);

    // Only models with a choice of dimensions take the setting; the others have one.
    const dimensionsConfigurable = EMBEDDING_MODELS[settings.embeddingModel].length > 1;
    this.resource = new BedrockagentKnowledgeBase(this, 'Resource', {
      name: `${collection.name}-kb`,
      description: `Documents of ${stack.projectName} under ${bucket.s3Uri(settings.dataPrefix)}`,
      roleArn: role.roleArn,
      knowledgeBaseConfiguration: [
        {
          type: 'VECTOR',
          vectorKnowledgeBaseConfiguration: [
            {
              embeddingModelArn,
              ...(dimensionsConfigurable
                ? {
                    embeddingModelConfiguration: [
                      {
                        bedrockEmbeddingModelConfiguration: [
                          {
                            dimensions: settings.embeddingDimensions,
                            embeddingDataType: 'FLOAT32',
                          },
                        ],
                      },
                    ],
                  }
                : {}),
            },
          ],
        },
      ],
      storageConfiguration: [
        {
          type: 'OPENSEARCH_SERVERLESS',
          opensearchServerlessConfiguration: [
            {
              collectionArn: collection.collectionArn,
              vectorIndexName: props.index.indexName,
              fieldMapping: [
                {
                  vectorField: VECTOR_FIELDS.vector,
                  textField: VECTOR_FIELDS.text,
                  metadataField: VECTOR_FIELDS.metadata,
                },
              ],
            },
          ],
        },
      ],
      dependsOn: [props.index.stack, role.policy],
    });
    this.knowledgeBaseId = this.resource.id;
    this.knowledgeBaseArn = this.resource.arn;

    this.dataSource = new BedrockagentDataSource(this, 'DataSource', {
      knowledgeBaseId: this.knowledgeBaseId,
      name: 'ml-bucket',
      description: `Objects under ${settings.dataPrefix} of the project ML bucket`,
      dataDeletionPolicy: 'RETAIN',
      dataSourceConfiguration: [
        {
          type: 'S3',
          s3Configuration: [
            {
              bucketArn: bucket.bucketArn,
              bucketOwnerAccountId: stack.accountId,
              inclusionPrefixes: [settings.dataPrefix],
            },
          ],
        },
      ],
      vectorIngestionConfiguration: [
        { chunkingConfiguration: [chunkingConfiguration(settings.chunking)] },
      ],
    });
  }

  /**
   * Retrieve from this knowledge base only. RetrieveAndGenerate is not granted: the IAM catalogue
   * gives it no resource type (Resource "*" only), and the platform's roles call models only
   * through the project's profile with its guardrail, which a caller does after Retrieve (or the
   * agent does for it). Returns the statements added.
   */
  grantRetrieve(grantee: IGrantable, sid = 'RetrieveFromProjectKnowledgeBase'): PolicyStatement[] {
    return addStatements(grantee, [
      {
        Sid: sid,
        Effect: 'Allow',
        Action: [...KNOWLEDGE_BASE_RETRIEVE_ACTIONS],
        Resource: this.knowledgeBaseArn,
      },
    ]);
  }
}
