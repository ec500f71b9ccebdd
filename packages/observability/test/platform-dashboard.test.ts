import { testConfiguration } from '@genai-sandbox/core/testing';
import {
  DASHBOARD_WIDTH,
  PlatformDashboard,
  registerDashboardSection,
  searchExpression,
  textWidget,
} from '../src';
import { synth } from './helpers';

interface Widget {
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  properties: { markdown?: string; title?: string; metrics?: { expression: string }[][] };
}

function bodyOf(change?: Parameters<typeof testConfiguration>[0], blueprints?: string[]) {
  const config = testConfiguration(change);
  const { only, construct } = synth(
    (stack) =>
      new PlatformDashboard(
        stack,
        'Dashboard',
        blueprints ? { blueprints: blueprints as never } : {},
      ),
    { config },
  );
  const body = JSON.parse(only('aws_cloudwatch_dashboard').dashboard_body as string) as {
    widgets: Widget[];
  };
  return {
    construct,
    widgets: body.widgets,
    dashboardName: only('aws_cloudwatch_dashboard').dashboard_name,
  };
}

const headers = (widgets: Widget[]) =>
  widgets.filter((widget) => widget.type === 'text').map((widget) => widget.properties.markdown);

describe('PlatformDashboard', () => {
  it('draws a section for each inference method the projects deploy, and none for absent ones', () => {
    // The fixture's genai-full profile without Bedrock, whose section its own package registers
    // (and a test file run before this one in the worker may have loaded).
    const { widgets, dashboardName } = bodyOf((fixture) => {
      fixture.platform.profiles['genai-full'].blueprints = [
        'data-preprocessing',
        'model-training',
        'inference-realtime',
      ];
    });
    expect(dashboardName).toBe('genai-dev-overview');
    expect(headers(widgets)).toEqual([
      '## GenAI sandbox dev (account 111111111111, eu-west-1)',
      '### fraud-detection: Real-time inference',
    ]);
    const titles = widgets.map((widget) => widget.properties.title).filter(Boolean);
    expect(titles).toEqual([
      'Invocations per minute',
      'Model latency p50 / p99 (microseconds)',
      '4xx / 5xx errors',
      'Scaling: invocations per instance',
    ]);
  });

  it("finds the project's endpoints by name prefix, so nothing is hard-coded", () => {
    const { widgets } = bodyOf();
    const invocations = widgets.find(
      (widget) => widget.properties.title === 'Invocations per minute',
    );
    expect(invocations?.properties.metrics?.[0][0].expression).toBe(
      `SEARCH('{AWS/SageMaker,EndpointName,VariantName} MetricName="Invocations" "genai-dev-fraud-detection"', 'Sum', 60)`,
    );
  });

  it('shows every inference method side by side when the profile has them all', () => {
    const { widgets } = bodyOf((fixture) => {
      fixture.platform.profiles['genai-full'].blueprints = [
        'inference-async',
        'inference-batch',
        'inference-serverless',
        'inference-realtime',
      ];
    });
    expect(headers(widgets).slice(1)).toEqual([
      '### fraud-detection: Real-time inference',
      '### fraud-detection: Serverless inference',
      '### fraud-detection: Batch inference',
      '### fraud-detection: Asynchronous inference',
    ]);
    for (const widget of widgets)
      expect(widget.x + widget.width).toBeLessThanOrEqual(DASHBOARD_WIDTH);
  });

  it('follows the configured blueprints and order', () => {
    const { widgets } = bodyOf((fixture) => {
      fixture.platform.profiles['genai-full'].blueprints = [
        'inference-realtime',
        'inference-async',
      ];
      fixture.environments.dev.observability = {
        dashboard: { blueprints: ['inference-async', 'inference-realtime'] },
      };
    });
    expect(headers(widgets).slice(1)).toEqual([
      '### fraud-detection: Asynchronous inference',
      '### fraud-detection: Real-time inference',
    ]);
  });

  it('shows what the account has even without any inference blueprint', () => {
    const { widgets, construct } = bodyOf((fixture) => {
      fixture.platform.profiles['genai-full'].blueprints = ['data-preprocessing'];
    });
    expect(headers(widgets)).toEqual(['## GenAI sandbox dev (account 111111111111, eu-west-1)']);
    expect(construct.render()).toContain('"widgets"');
  });

  it('draws sections that blueprints register, and alarms and widgets added later', () => {
    const restore = registerDashboardSection('genai-bedrock', (context) => ({
      title: 'Bedrock',
      widgets: [textWidget(`models of ${context.namePrefix}`, 12, 2)],
    }));
    try {
      const config = testConfiguration();
      const { only } = synth(
        (stack) => {
          const dashboard = new PlatformDashboard(stack, 'Dashboard');
          dashboard.addAlarms('arn:aws:cloudwatch:eu-west-1:111111111111:alarm:genai-dev-x');
          return dashboard;
        },
        { config },
      );
      const widgets = (
        JSON.parse(only('aws_cloudwatch_dashboard').dashboard_body as string) as {
          widgets: Widget[];
        }
      ).widgets;
      expect(headers(widgets)).toContain('### fraud-detection: Bedrock');
      expect(headers(widgets)).toContain('models of genai-dev-fraud-detection');
      expect(widgets[1].type).toBe('alarm');
    } finally {
      restore();
    }
  });

  it('searches any dimension set when none is given', () => {
    expect(
      searchExpression({
        namespace: 'AWS/SageMaker',
        metricName: 'ApproximateBacklogSize',
        contains: 'genai-dev-fraud-detection',
        stat: 'Average',
        periodSeconds: 60,
        label: 'Backlog',
      }),
    ).toBe(
      `SEARCH('Namespace="AWS/SageMaker" MetricName="ApproximateBacklogSize" "genai-dev-fraud-detection"', 'Average', 60)`,
    );
  });
});
