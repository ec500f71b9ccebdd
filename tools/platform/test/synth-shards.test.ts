import type { PlannedStack } from '@genai-sandbox/core';
import {
  shardStacks,
  snapshotBlob,
  synthProcessCount,
  synthWorkersSetting,
} from '../src/synth-shards';

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

describe('PLATFORM_SYNTH_WORKERS', () => {
  it('is one when the compiled worker is absent, as when tests run the sources', () => {
    expect(synthProcessCount(4, 1000)).toBe(1);
  });

  it('reads a count, "auto" or nothing', () => {
    expect(synthWorkersSetting({})).toBeUndefined();
    expect(synthWorkersSetting({ PLATFORM_SYNTH_WORKERS: ' 3 ' })).toBe(3);
    expect(synthWorkersSetting({ PLATFORM_SYNTH_WORKERS: 'auto' })).toBe('auto');
  });

  it('refuses a value that is neither a count nor "auto", naming the variable and the fix', () => {
    for (const value of ['0', 'two', 'off', '-1'])
      expect(() => synthWorkersSetting({ PLATFORM_SYNTH_WORKERS: value })).toThrow(
        `PLATFORM_SYNTH_WORKERS is "${value}": set it to a number of processes (1 or more), to "auto" for one per CPU (at most 4), or unset it for one process.`,
      );
  });
});

describe('snapshotBlob', () => {
  test('is the start-up snapshot in Node options, in either spelling, so that workers start from it too', () => {
    expect(snapshotBlob(['--snapshot-blob', '/c/a.blob'])).toBe('/c/a.blob');
    expect(snapshotBlob(['--max-old-space-size=512', '--snapshot-blob=/c/b.blob'])).toBe(
      '/c/b.blob',
    );
    expect(snapshotBlob(['--enable-source-maps'])).toBeUndefined();
    expect(snapshotBlob([])).toBeUndefined();
  });
});
