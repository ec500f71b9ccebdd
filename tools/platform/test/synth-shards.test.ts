import type { PlannedStack } from '@genai-sandbox/core';
import { shardStacks, synthProcessCount } from '../src/synth-shards';

/** Only what shardStacks reads of a planned stack. */
function planned(app: string, env: string, project?: string): PlannedStack {
  return {
    name: [app, project, env].filter(Boolean).join('-'),
    app: { name: app },
    context: { environment: { name: env } },
  } as unknown as PlannedStack;
}

describe('shardStacks', () => {
  const stacks = [
    planned('foundation', 'dev'),
    planned('foundation', 'test'),
    ...['a', 'b', 'c'].map((project) => planned('model-training', 'dev', project)),
    ...['a', 'b'].map((project) => planned('genai-bedrock', 'test', project)),
  ];

  it('keeps each (app, environment) group whole and balances the shards by stack count', () => {
    const shards = shardStacks(stacks, 2).map((shard) => shard.map((stack) => stack.name));
    expect(shards).toEqual([
      ['foundation-test', 'model-training-a-dev', 'model-training-b-dev', 'model-training-c-dev'],
      ['foundation-dev', 'genai-bedrock-a-test', 'genai-bedrock-b-test'],
    ]);
    expect(shards.flat().sort()).toEqual(stacks.map((stack) => stack.name).sort());
  });

  it('leaves out empty shards', () => {
    expect(shardStacks(stacks.slice(0, 1), 3)).toHaveLength(1);
  });
});

describe('synthProcessCount', () => {
  it('is one when the compiled worker is absent, as when tests run the sources', () => {
    expect(synthProcessCount({ PLATFORM_SYNTH_WORKERS: '4' }, 1000)).toBe(1);
  });
});
