import { ORCHESTRATION_ERRORS, OrchestrationError } from '../shared/orchestration-errors';

/** The part of `fetch` the function uses; the deployed function passes the global one. */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export interface PullRequest {
  readonly number: number;
  readonly url: string;
  readonly state: string;
}

export interface RepositoryFile {
  readonly text: string;
  /** The blob SHA GitHub needs to replace the file. */
  readonly sha: string;
}

/**
 * The few calls of GitHub's REST API the function makes (contents, git refs, pulls), through
 * `fetch`: a client library would add a dependency for six requests. 5xx, 429 and network
 * failures are GitHubUnavailable (the state machine retries them); any other refusal is
 * GitHubRefused with GitHub's status and message, never the token.
 */
export class GitHubRepository {
  private readonly base: string;

  constructor(
    private readonly fetch: Fetch,
    apiUrl: string,
    private readonly repository: string,
    private readonly token: string,
    private readonly timeoutMs = 10_000,
  ) {
    this.base = `${apiUrl.replace(/\/+$/, '')}/repos/${repository}`;
  }

  get owner(): string {
    return this.repository.split('/')[0];
  }

  /** Any pull request, open or closed, from `branch` of this repository. */
  async pullRequestFrom(branch: string): Promise<PullRequest | undefined> {
    const head = encodeURIComponent(`${this.owner}:${branch}`);
    const answer = await this.call('GET', `/pulls?state=all&head=${head}&per_page=10`);
    const pulls = (await answer.json()) as { number: number; html_url: string; state: string }[];
    const pull = pulls[0];
    return pull && { number: pull.number, url: pull.html_url, state: pull.state };
  }

  /** The commit SHA `branch` points at, or undefined when there is no such branch. */
  async branchSha(branch: string): Promise<string | undefined> {
    const answer = await this.call('GET', `/git/ref/heads/${branch}`, undefined, [404]);
    if (answer.status === 404) return undefined;
    return ((await answer.json()) as { object: { sha: string } }).object.sha;
  }

  /** Creates `branch` at `sha`; false when it exists already (another execution made it). */
  async createBranch(branch: string, sha: string): Promise<boolean> {
    const answer = await this.call('POST', '/git/refs', { ref: `refs/heads/${branch}`, sha }, [
      422,
    ]);
    return answer.status !== 422;
  }

  async file(path: string, branch: string): Promise<RepositoryFile> {
    const answer = await this.call('GET', `/contents/${path}?ref=${encodeURIComponent(branch)}`);
    const body = (await answer.json()) as { content: string; sha: string; encoding: string };
    return { text: Buffer.from(body.content, 'base64').toString('utf8'), sha: body.sha };
  }

  async putFile(
    path: string,
    branch: string,
    file: RepositoryFile,
    message: string,
  ): Promise<void> {
    await this.call('PUT', `/contents/${path}`, {
      message,
      branch,
      sha: file.sha,
      content: Buffer.from(file.text, 'utf8').toString('base64'),
    });
  }

  /** Opens a pull request; undefined when GitHub says one exists already for the branch. */
  async openPullRequest(
    branch: string,
    base: string,
    title: string,
    body: string,
  ): Promise<PullRequest | undefined> {
    const answer = await this.call('POST', '/pulls', { title, head: branch, base, body }, [422]);
    if (answer.status === 422) return undefined;
    const pull = (await answer.json()) as { number: number; html_url: string; state: string };
    return { number: pull.number, url: pull.html_url, state: pull.state };
  }

  private async call(
    method: string,
    path: string,
    body?: unknown,
    accepted: readonly number[] = [],
  ): Promise<Response> {
    let answer: Response;
    try {
      answer = await this.fetch(`${this.base}${path}`, {
        method,
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${this.token}`,
          'x-github-api-version': '2022-11-28',
          'user-agent': 'genai-sandbox-project-orchestration',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new OrchestrationError(
        ORCHESTRATION_ERRORS.gitHubUnavailable,
        `GitHub ${method} ${path} did not answer (${error instanceof Error ? error.name : 'UnknownError'})`,
      );
    }
    if (answer.ok || accepted.includes(answer.status)) return answer;
    const reason = await answer
      .json()
      .then((value) => String((value as { message?: unknown }).message ?? ''))
      .catch(() => '');
    const transient = answer.status >= 500 || answer.status === 429 || answer.status === 409;
    throw new OrchestrationError(
      transient ? ORCHESTRATION_ERRORS.gitHubUnavailable : ORCHESTRATION_ERRORS.gitHubRefused,
      `GitHub ${method} ${path} answered ${answer.status}${reason ? `: ${reason}` : ''}${
        answer.status === 401 || answer.status === 403
          ? '; check the token in the secret (contents and pull requests, read and write, on the repository)'
          : ''
      }`,
    );
  }
}
