import {
  registerDashboardSection,
  type SearchMetric,
  type SectionFactory,
  searchWidget,
} from '@genai-sandbox/observability';

const FIVE_MINUTES = 300;

/**
 * The genai-bedrock part of the foundation dashboard, per project: the agent's action-group
 * function and the ingestion schedule's dead-letter queue, found by the names this blueprint
 * gives them (`<prefix>-agent-action`, `<prefix>-kb-ingestion-dlq`). Bedrock's own metrics are
 * left out: model and guardrail metrics carry the model or inference-profile ID and the
 * guardrail ARN as dimensions, random IDs with no project name for a search to find.
 */
export const genaiBedrockDashboardSection: SectionFactory = (context) => {
  const lambda = (metricName: string, stat: string, label: string): SearchMetric => ({
    namespace: 'AWS/Lambda',
    dimensions: ['FunctionName'],
    metricName,
    contains: `${context.namePrefix}-agent-action`,
    stat,
    periodSeconds: FIVE_MINUTES,
    label,
  });
  return {
    title: 'Bedrock agent and knowledge base',
    widgets: [
      searchWidget(context.region, 'Agent actions: calls / errors / throttles', [
        lambda('Invocations', 'Sum', 'Calls'),
        lambda('Errors', 'Sum', 'Errors'),
        lambda('Throttles', 'Sum', 'Throttles'),
      ]),
      searchWidget(context.region, 'Agent actions: duration p99 (ms)', [
        lambda('Duration', 'p99', 'p99'),
      ]),
      searchWidget(context.region, 'Failed scheduled ingestion starts (dead letters)', [
        {
          namespace: 'AWS/SQS',
          dimensions: ['QueueName'],
          metricName: 'ApproximateNumberOfMessagesVisible',
          contains: `${context.namePrefix}-kb-ingestion-dlq`,
          stat: 'Maximum',
          periodSeconds: FIVE_MINUTES,
          label: 'Dead letters',
        },
      ]),
    ],
  };
};

// Loaded with the package: the foundation stack imports it (VectorStoreAccess), so its dashboard
// draws this section for every project whose profile includes genai-bedrock.
registerDashboardSection('genai-bedrock', genaiBedrockDashboardSection);
