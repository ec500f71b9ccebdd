import { ApplyGuardrailCommand, type BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { GenaiEvaluation } from '@genai-sandbox/config';

/** A project's deployed guardrail version, as its genai-bedrock stack outputs it. */
export interface DeployedGuardrail {
  readonly project: string;
  /** The guardrail ID (output guardrail_id) or its ARN. */
  readonly identifier: string;
  /** The published version (output guardrail_version). */
  readonly version: string;
}

/**
 * Sends every evaluation prompt to each deployed guardrail as user input (ApplyGuardrail, source
 * INPUT) and compares the action with what the settings expect: GUARDRAIL_INTERVENED for
 * `mustBlock`, NONE for `mustPass`. One line per prompt and guardrail; a failed call fails its
 * prompt and the evaluation goes on, so one run names every failure.
 */
export async function evaluateGuardrails(
  client: Pick<BedrockRuntimeClient, 'send'>,
  evaluation: GenaiEvaluation['guardrail'],
  guardrails: readonly DeployedGuardrail[],
): Promise<{ ok: boolean; lines: string[] }> {
  const lines: string[] = [];
  let ok = true;
  const cases = [
    ...evaluation.mustBlock.map((prompt, index) => ({ prompt, index, list: 'mustBlock' as const })),
    ...evaluation.mustPass.map((prompt, index) => ({ prompt, index, list: 'mustPass' as const })),
  ];
  for (const guardrail of guardrails) {
    for (const { prompt, index, list } of cases) {
      const label = `${guardrail.project} ${list}[${index}] ${JSON.stringify(shorten(prompt))}`;
      const expected = list === 'mustBlock' ? 'GUARDRAIL_INTERVENED' : 'NONE';
      try {
        const answer = await client.send(
          new ApplyGuardrailCommand({
            guardrailIdentifier: guardrail.identifier,
            guardrailVersion: guardrail.version,
            source: 'INPUT',
            content: [{ text: { text: prompt } }],
          }),
        );
        if (answer.action === expected) {
          lines.push(`ok   ${label}: ${expected === 'NONE' ? 'passed' : 'blocked'}.`);
        } else {
          ok = false;
          lines.push(
            `FAIL ${label}: expected ${expected === 'NONE' ? 'to pass (NONE)' : 'to be blocked (GUARDRAIL_INTERVENED)'}, the guardrail ${guardrail.identifier} version ${guardrail.version} answered ${answer.action ?? 'no action'}.`,
          );
        }
      } catch (error) {
        ok = false;
        lines.push(
          `FAIL ${label}: ApplyGuardrail on ${guardrail.identifier} version ${guardrail.version} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}.`,
        );
      }
    }
  }
  return { ok, lines };
}

/** Prompts can be long; a line names the start. */
export function shorten(prompt: string): string {
  return prompt.length > 60 ? `${prompt.slice(0, 57)}...` : prompt;
}
