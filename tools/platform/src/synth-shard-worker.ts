/**
 * One shard of a synthesis across processes (synth-shards.ts): receives a ShardTask over IPC,
 * plans the configuration's stacks as the parent did, synthesizes the named ones into the task's
 * directory and answers with a ShardResult before exiting. Started as this compiled file, or as
 * the CLI's start-up snapshot with SHARD_WORKER_ARGUMENT (snapshot-main.ts).
 */
import { synthesizeStacks } from '@genai-sandbox/core';
import { selectStacks } from './select-stacks';
import type { ShardResult, ShardTask } from './synth-shards';

/** Waits for this process's one task, does it, answers and exits. */
export function serveShard(): void {
  process.once('message', (message) => {
    const task = message as ShardTask;
    let result: ShardResult;
    try {
      const names = new Set(task.names);
      const { stacks } = selectStacks(task.configDir, task.appsDir, task.filter);
      synthesizeStacks(
        stacks.filter((stack) => names.has(stack.name)),
        task.outdir,
      );
      result = { ok: true };
    } catch (error) {
      result = { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    process.send?.(result, undefined, {}, () => process.exit(result.ok ? 0 : 1));
  });
}

if (require.main === module) serveShard();
