import {
  onlyResourceOfType,
  synthesize,
  testConfiguration,
  testStack,
} from '@genai-sandbox/core/testing';
import { PlatformDashboard } from '@genai-sandbox/observability';
import { Testing } from 'cdktf';
import { GenaiBedrockStack } from '../src';

/**
 * The genai-bedrock section of the foundation dashboard finds what this blueprint deploys: its
 * search terms are parts of the names the stack gives the function and the dead-letter queue.
 */
describe('genai-bedrock dashboard section', () => {
  const config = testConfiguration();
  const stack = testStack({ config, app: 'foundation' });
  new PlatformDashboard(stack, 'Dashboard');
  const body = JSON.parse(
    onlyResourceOfType(synthesize(stack), 'aws_cloudwatch_dashboard').dashboard_body as string,
  ) as { widgets: { properties: { markdown?: string; metrics?: { expression: string }[][] } }[] };
  const expressions = body.widgets.flatMap((widget) =>
    (widget.properties.metrics ?? []).flat().map((metric) => metric.expression),
  );

  it('draws a section for each project whose profile includes genai-bedrock', () => {
    expect(body.widgets.map((widget) => widget.properties.markdown)).toContain(
      '### fraud-detection: Bedrock agent and knowledge base',
    );
  });

  it('searches for the names the blueprint gives its function and dead-letter queue', () => {
    const environment = config.environments.find((candidate) => candidate.name === 'dev');
    const project = environment?.projects.find((candidate) => candidate.name === 'fraud-detection');
    if (!environment || !project) throw new Error('no fraud-detection in dev');
    const blueprint = new GenaiBedrockStack(Testing.app(), { config, environment, project });
    const terms = expressions.map((expression) => /" "([^"]+)"'/.exec(expression)?.[1]);
    expect(terms).toContain(blueprint.actionFunction.function.functionName);
    expect(terms).toContain(blueprint.ingestion.deadLetterQueueName);
    expect(expressions).toContain(
      `SEARCH('{AWS/SQS,QueueName} MetricName="ApproximateNumberOfMessagesVisible" "genai-dev-fraud-detection-kb-ingestion-dlq"', 'Maximum', 300)`,
    );
  });
});
