/**
 * A typed CloudFormation template holding one AWS::OpenSearchServerless::Index (CloudFormation
 * template reference: Index, IndexSettings, Mappings, PropertyMapping, Method), built from
 * TypeScript so the field names and dimensions the knowledge base uses are the ones the index has.
 */
export interface KnnMethod {
  readonly Engine: 'faiss';
  readonly Name: 'hnsw';
  readonly SpaceType: 'l2' | 'innerproduct';
  readonly Parameters: { readonly M: number; readonly EfConstruction: number };
}

export type PropertyMapping =
  | { readonly Type: 'knn_vector'; readonly Dimension: number; readonly Method: KnnMethod }
  | { readonly Type: 'text'; readonly Index: boolean };

export interface IndexResource {
  readonly Type: 'AWS::OpenSearchServerless::Index';
  readonly Properties: {
    readonly CollectionEndpoint: string;
    readonly IndexName: string;
    readonly Settings: {
      readonly Index: { readonly Knn: true; readonly KnnAlgoParamEfSearch: number };
    };
    readonly Mappings: { readonly Properties: Readonly<Record<string, PropertyMapping>> };
  };
}

export interface IndexTemplate {
  readonly AWSTemplateFormatVersion: '2010-09-09';
  readonly Description: string;
  readonly Resources: { readonly VectorIndex: IndexResource };
}

/** The field names the knowledge base's storage configuration maps to (Bedrock's defaults). */
export const VECTOR_FIELDS = {
  vector: 'bedrock-knowledge-base-default-vector',
  text: 'AMAZON_BEDROCK_TEXT_CHUNK',
  metadata: 'AMAZON_BEDROCK_METADATA',
} as const;

export interface IndexTemplateProps {
  readonly collectionEndpoint: string;
  readonly indexName: string;
  readonly dimensions: number;
  readonly description: string;
}

/** The template: FAISS HNSW on the vector field, the chunk text searchable, the metadata stored only. */
export function buildIndexTemplate(props: IndexTemplateProps): IndexTemplate {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: props.description,
    Resources: {
      VectorIndex: {
        Type: 'AWS::OpenSearchServerless::Index',
        Properties: {
          CollectionEndpoint: props.collectionEndpoint,
          IndexName: props.indexName,
          Settings: { Index: { Knn: true, KnnAlgoParamEfSearch: 512 } },
          Mappings: {
            Properties: {
              [VECTOR_FIELDS.vector]: {
                Type: 'knn_vector',
                Dimension: props.dimensions,
                Method: {
                  Engine: 'faiss',
                  Name: 'hnsw',
                  SpaceType: 'l2',
                  Parameters: { M: 16, EfConstruction: 512 },
                },
              },
              [VECTOR_FIELDS.text]: { Type: 'text', Index: true },
              // Bedrock stores its metadata as a JSON string; searching it is never needed.
              [VECTOR_FIELDS.metadata]: { Type: 'text', Index: false },
            },
          },
        },
      },
    },
  };
}
