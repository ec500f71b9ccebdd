import { buildIndexTemplate, VECTOR_FIELDS } from '../src';

describe('buildIndexTemplate', () => {
  const template = buildIndexTemplate({
    collectionEndpoint: 'https://abc.eu-west-1.aoss.amazonaws.com',
    indexName: 'knowledge-base',
    dimensions: 512,
    description: 'test',
  });
  const index = template.Resources.VectorIndex;

  it('holds exactly one AWS::OpenSearchServerless::Index with k-NN on', () => {
    expect(Object.keys(template.Resources)).toEqual(['VectorIndex']);
    expect(index.Type).toBe('AWS::OpenSearchServerless::Index');
    expect(index.Properties.Settings).toEqual({ Index: { Knn: true, KnnAlgoParamEfSearch: 512 } });
  });

  it('maps the fields the knowledge base writes: FAISS vectors of the configured dimension', () => {
    expect(index.Properties.Mappings.Properties).toEqual({
      [VECTOR_FIELDS.vector]: {
        Type: 'knn_vector',
        Dimension: 512,
        Method: {
          Engine: 'faiss',
          Name: 'hnsw',
          SpaceType: 'l2',
          Parameters: { M: 16, EfConstruction: 512 },
        },
      },
      [VECTOR_FIELDS.text]: { Type: 'text', Index: true },
      [VECTOR_FIELDS.metadata]: { Type: 'text', Index: false },
    });
  });
});
