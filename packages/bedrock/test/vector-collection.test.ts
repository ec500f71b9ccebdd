import { testStack } from '@genai-sandbox/core/testing';
import { chunkingConfiguration, DATA_ACCESS_PERMISSIONS, VectorCollection } from '../src';

const ROLE = 'arn:aws:iam::111111111111:role/genai-dev-fraud-detection-knowledge-base';

describe('VectorCollection', () => {
  it('fails when a principal is not an IAM ARN and the index name is invalid, reporting both', () => {
    const stack = testStack({ app: 'genai-bedrock', project: 'fraud-detection' });
    expect(
      () =>
        new VectorCollection(stack, 'VectorCollection', {
          indexName: 'Knowledge Base',
          dataAccess: [
            { description: 'anyone', principalArn: '*', ...DATA_ACCESS_PERMISSIONS.deploy },
            { description: 'kb', principalArn: ROLE, ...DATA_ACCESS_PERMISSIONS.knowledgeBase },
          ],
        }),
    ).toThrow(
      /indexName "Knowledge Base" is not[\s\S]*dataAccess principal "\*" is not an IAM ARN/,
    );
  });

  it('fails when no principal is named', () => {
    const stack = testStack({ app: 'genai-bedrock', project: 'fraud-detection' });
    expect(
      () => new VectorCollection(stack, 'VectorCollection', { indexName: 'kb', dataAccess: [] }),
    ).toThrow(/dataAccess is empty/);
  });

  it('fails when created outside a project stack', () => {
    const stack = testStack({ app: 'foundation' });
    expect(
      () =>
        new VectorCollection(stack, 'VectorCollection', {
          indexName: 'kb',
          dataAccess: [
            { description: 'kb', principalArn: ROLE, ...DATA_ACCESS_PERMISSIONS.knowledgeBase },
          ],
        }),
    ).toThrow(/a vector collection belongs to a project/);
  });
});

describe('chunkingConfiguration', () => {
  const base = {
    maxTokens: 500,
    overlapPercentage: 10,
    bufferSize: 1,
    breakpointPercentileThreshold: 90,
  };

  it('gives each strategy only its own settings', () => {
    expect(chunkingConfiguration({ ...base, strategy: 'SEMANTIC' })).toEqual({
      chunkingStrategy: 'SEMANTIC',
      semanticChunkingConfiguration: [
        { maxToken: 500, bufferSize: 1, breakpointPercentileThreshold: 90 },
      ],
    });
    expect(chunkingConfiguration({ ...base, strategy: 'NONE' })).toEqual({
      chunkingStrategy: 'NONE',
    });
    expect(chunkingConfiguration({ ...base, strategy: 'FIXED_SIZE' })).toEqual({
      chunkingStrategy: 'FIXED_SIZE',
      fixedSizeChunkingConfiguration: [{ maxTokens: 500, overlapPercentage: 10 }],
    });
  });
});
