import {
  ListEndpointsCommand,
  ListTagsCommand,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import {
  InvokeEndpointCommand,
  type SageMakerRuntimeClient,
} from '@aws-sdk/client-sagemaker-runtime';
import { answerShapeProblems, type SmokeInvocation } from './release-gates';

/** The clients the smoke invocation uses; tests pass fakes with the same `send`. */
export interface SmokeClients {
  readonly sageMaker: Pick<SageMakerClient, 'send'>;
  readonly runtime: Pick<SageMakerRuntimeClient, 'send'>;
}

/**
 * The InService endpoints tagged with the platform, environment, project and blueprint of the
 * release: the same tags smoke-release.sh finds them by.
 */
export async function taggedEndpoints(
  clients: SmokeClients,
  tags: Readonly<Record<string, string>>,
): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await clients.sageMaker.send(
      new ListEndpointsCommand({
        StatusEquals: 'InService',
        MaxResults: 100,
        NextToken: nextToken,
      }),
    );
    for (const endpoint of page.Endpoints ?? []) {
      if (!endpoint.EndpointArn || !endpoint.EndpointName) continue;
      const listed = await clients.sageMaker.send(
        new ListTagsCommand({ ResourceArn: endpoint.EndpointArn }),
      );
      const has = new Map((listed.Tags ?? []).map((tag) => [tag.Key, tag.Value]));
      if (Object.entries(tags).every(([key, value]) => has.get(key) === value))
        names.push(endpoint.EndpointName);
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return names;
}

/**
 * Invokes every endpoint of each invocation with its payload and checks the answer's shape. Returns
 * one line per check, and whether all passed; an invocation that finds no endpoint fails.
 */
export async function smokeInvoke(
  clients: SmokeClients,
  context: { readonly platform: string; readonly environment: string },
  invocations: readonly SmokeInvocation[],
): Promise<{ ok: boolean; lines: string[] }> {
  const lines: string[] = [];
  let ok = true;
  for (const invocation of invocations) {
    const label = `${invocation.blueprint}/${invocation.project} in ${context.environment}`;
    const endpoints = await taggedEndpoints(clients, {
      platform: context.platform,
      environment: context.environment,
      project: invocation.project,
      blueprint: invocation.blueprint,
    });
    if (endpoints.length === 0) {
      ok = false;
      lines.push(`FAIL ${label}: no InService endpoint is tagged for it; was the stack applied?`);
      continue;
    }
    for (const endpoint of endpoints) {
      try {
        const answer = await clients.runtime.send(
          new InvokeEndpointCommand({
            EndpointName: endpoint,
            ContentType: invocation.contentType,
            Accept: 'application/json',
            Body: new TextEncoder().encode(invocation.body),
          }),
        );
        const text = new TextDecoder().decode(answer.Body);
        const problems = answerShapeProblems(text, invocation.expectKeys);
        if (problems.length > 0) {
          ok = false;
          lines.push(`FAIL ${label}: endpoint ${endpoint}: ${problems.join('; ')}.`);
        } else {
          lines.push(
            `ok   ${label}: endpoint ${endpoint} answered with ${invocation.expectKeys.join(', ')}.`,
          );
        }
      } catch (error) {
        ok = false;
        lines.push(
          `FAIL ${label}: InvokeEndpoint on ${endpoint} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}.`,
        );
      }
    }
  }
  return { ok, lines };
}
