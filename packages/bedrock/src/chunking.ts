import type { BedrockagentDataSourceVectorIngestionConfigurationChunkingConfiguration as ChunkingConfiguration } from '@cdktf/provider-aws/lib/bedrockagent-data-source';
import type { ChunkingSettings } from '@genai-sandbox/config';

/** The data source's chunking block for the configured strategy; each strategy reads only its fields. */
export function chunkingConfiguration(settings: ChunkingSettings): ChunkingConfiguration {
  switch (settings.strategy) {
    case 'FIXED_SIZE':
      return {
        chunkingStrategy: 'FIXED_SIZE',
        fixedSizeChunkingConfiguration: [
          { maxTokens: settings.maxTokens, overlapPercentage: settings.overlapPercentage },
        ],
      };
    case 'SEMANTIC':
      return {
        chunkingStrategy: 'SEMANTIC',
        semanticChunkingConfiguration: [
          {
            maxToken: settings.maxTokens,
            bufferSize: settings.bufferSize,
            breakpointPercentileThreshold: settings.breakpointPercentileThreshold,
          },
        ],
      };
    case 'NONE':
      return { chunkingStrategy: 'NONE' };
  }
}
