import {
  type BedrockAgentRuntimeClient,
  InvokeAgentCommand,
} from '@aws-sdk/client-bedrock-agent-runtime';
import type { AgentAnswer, AgentEvaluation } from '@genai-sandbox/config';
import { shorten } from './guardrail-evaluation';

/** A project's deployed agent alias, as its genai-bedrock stack outputs it. */
export interface DeployedAgent {
  readonly project: string;
  /** Output agent_id. */
  readonly agentId: string;
  /** Output agent_alias_id. */
  readonly agentAliasId: string;
}

/**
 * Sends every agent prompt to each deployed agent alias (InvokeAgent, a new session per prompt),
 * reads the streamed answer to its end and checks it against the configured shape. One line per
 * prompt and agent; a failed call fails its prompt and the evaluation goes on, so one run names
 * every failure. `version` (the settings version) names the sessions, so CloudWatch shows which
 * evaluation asked what.
 */
export async function evaluateAgents(
  client: Pick<BedrockAgentRuntimeClient, 'send'>,
  evaluation: AgentEvaluation,
  agents: readonly DeployedAgent[],
  version: string,
): Promise<{ ok: boolean; lines: string[] }> {
  const lines: string[] = [];
  let ok = true;
  for (const agent of agents) {
    for (const [index, { prompt, answer: shape }] of evaluation.prompts.entries()) {
      const label = `${agent.project} agent.prompts[${index}] ${JSON.stringify(shorten(prompt))}`;
      const where = `agent ${agent.agentId} alias ${agent.agentAliasId}`;
      let answer: string;
      try {
        answer = await invoke(client, agent, `evaluate-${version}-${index}`, prompt);
      } catch (error) {
        ok = false;
        lines.push(
          `FAIL ${label}: InvokeAgent on ${where} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}.`,
        );
        continue;
      }
      const problems = answerProblems(answer, shape);
      if (problems.length === 0) {
        lines.push(`ok   ${label}: answered as configured (${answer.length} characters).`);
      } else {
        ok = false;
        lines.push(
          `FAIL ${label}: the answer of ${where} ${problems.join('; ')}. It began: ${JSON.stringify(shorten(answer))}.`,
        );
      }
    }
  }
  return { ok, lines };
}

async function invoke(
  client: Pick<BedrockAgentRuntimeClient, 'send'>,
  agent: DeployedAgent,
  sessionId: string,
  inputText: string,
): Promise<string> {
  const response = await client.send(
    new InvokeAgentCommand({
      agentId: agent.agentId,
      agentAliasId: agent.agentAliasId,
      sessionId,
      inputText,
      // Nothing of an evaluation stays in the agent's memory for real sessions.
      endSession: true,
    }),
  );
  if (!response.completion) throw new Error('the response carried no answer stream');
  const decoder = new TextDecoder();
  let text = '';
  for await (const event of response.completion) {
    if (event.chunk?.bytes) text += decoder.decode(event.chunk.bytes, { stream: true });
  }
  return text + decoder.decode();
}

/** What the answer breaks of its configured shape, each as a phrase; empty when it fits. */
export function answerProblems(answer: string, shape: AgentAnswer): string[] {
  const lower = answer.toLowerCase();
  const problems: string[] = [];
  for (const text of shape.mustContain ?? [])
    if (!lower.includes(text.toLowerCase())) problems.push(`lacks ${JSON.stringify(text)}`);
  for (const text of shape.mustNotContain ?? [])
    if (lower.includes(text.toLowerCase())) problems.push(`contains ${JSON.stringify(text)}`);
  if (shape.mustMatch !== undefined && !new RegExp(shape.mustMatch, 'u').test(answer))
    problems.push(`does not match /${shape.mustMatch}/u`);
  if (shape.maxCharacters !== undefined && answer.length > shape.maxCharacters)
    problems.push(
      `has ${answer.length} characters, more than maxCharacters ${shape.maxCharacters}`,
    );
  if (answer.trim() === '') problems.push('is empty');
  return problems;
}
