import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { AwsRequest, AwsTestServer, ServiceModule } from '../server';

export interface GitHubPullRequest {
  readonly number: number;
  readonly title: string;
  readonly head: string;
  readonly base: string;
  readonly body: string;
  state: 'open' | 'closed';
  readonly html_url: string;
}

interface Branch {
  sha: string;
  readonly files: Map<string, string>;
}

const blobSha = (text: string) => createHash('sha1').update(`blob:${text}`).digest('hex');

/**
 * A minimal GitHub REST API for one repository, on the same local server as the AWS services
 * (it claims the unsigned `/repos/<owner>/<repo>/...` requests): contents get and put, git refs
 * get and create, pulls list and create, with GitHub's status codes (404 unknown ref or file,
 * 409 a stale file SHA, 422 an existing ref or pull request, 401 another token). Faults by
 * action (`failNext({ service: 'github', action: 'CreatePullRequest', ... })`).
 */
export class GitHubService implements ServiceModule {
  readonly name = 'github';
  readonly pulls: GitHubPullRequest[] = [];
  private readonly branches = new Map<string, Branch>();
  private commits = 0;

  constructor(
    /** `<owner>/<repo>`. */
    readonly repository: string,
    private readonly token: string,
  ) {}

  /** A branch holding `files` (path to text), as if pushed. */
  putBranch(branch: string, files: Readonly<Record<string, string>>): void {
    this.branches.set(branch, { sha: this.nextSha(), files: new Map(Object.entries(files)) });
  }

  fileOn(branch: string, path: string): string | undefined {
    return this.branches.get(branch)?.files.get(path);
  }

  hasBranch(branch: string): boolean {
    return this.branches.has(branch);
  }

  /** Forgets branches and pull requests. */
  clear(): void {
    this.branches.clear();
    this.pulls.length = 0;
  }

  matches(request: AwsRequest): boolean {
    return (
      request.signingName === undefined &&
      request.url.pathname.startsWith(`/repos/${this.repository}/`)
    );
  }

  handle(request: AwsRequest, response: ServerResponse, server: AwsTestServer): void {
    const path = request.url.pathname.slice(`/repos/${this.repository}`.length);
    const reply = (status: number, value: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    };
    const action = actionOf(request.method, path);
    server.record(this.name, action, undefined, decodeURIComponent(path));
    const fault = server.takeFault(this.name, action);
    if (fault) return reply(fault.status, { message: fault.message ?? fault.code });
    if (request.headers.authorization !== `Bearer ${this.token}`)
      return reply(401, { message: 'Bad credentials' });
    const body =
      request.body.length > 0
        ? (JSON.parse(request.body.toString('utf8')) as Record<string, string>)
        : {};

    if (action === 'ListPullRequests') {
      const head = request.url.searchParams.get('head') ?? '';
      const owner = this.repository.split('/')[0];
      return reply(
        200,
        this.pulls.filter((pull) => `${owner}:${pull.head}` === head),
      );
    }
    if (action === 'CreatePullRequest') {
      if (!this.branches.has(body.head) || !this.branches.has(body.base))
        return reply(422, { message: 'Validation Failed: head or base does not exist' });
      if (this.pulls.some((pull) => pull.head === body.head && pull.state === 'open'))
        return reply(422, { message: `A pull request already exists for ${body.head}.` });
      const number = this.pulls.length + 1;
      const pull: GitHubPullRequest = {
        number,
        title: body.title,
        head: body.head,
        base: body.base,
        body: body.body,
        state: 'open',
        html_url: `https://github.com/${this.repository}/pull/${number}`,
      };
      this.pulls.push(pull);
      return reply(201, pull);
    }
    if (action === 'GetRef') {
      const branch = this.branches.get(decodeURIComponent(path.slice('/git/ref/heads/'.length)));
      if (!branch) return reply(404, { message: 'Not Found' });
      return reply(200, {
        ref: path.slice('/git/ref/'.length),
        object: { sha: branch.sha, type: 'commit' },
      });
    }
    if (action === 'CreateRef') {
      const name = String(body.ref).replace(/^refs\/heads\//, '');
      if (this.branches.has(name)) return reply(422, { message: 'Reference already exists' });
      const source = [...this.branches.values()].find((branch) => branch.sha === body.sha);
      if (!source) return reply(422, { message: 'Object does not exist' });
      this.branches.set(name, { sha: body.sha, files: new Map(source.files) });
      return reply(201, { ref: body.ref, object: { sha: body.sha, type: 'commit' } });
    }
    const file = decodeURIComponent(path.slice('/contents/'.length));
    if (action === 'GetContent') {
      const branch = this.branches.get(request.url.searchParams.get('ref') ?? 'main');
      const text = branch?.files.get(file);
      if (text === undefined) return reply(404, { message: 'Not Found' });
      return reply(200, {
        path: file,
        sha: blobSha(text),
        encoding: 'base64',
        content: Buffer.from(text, 'utf8').toString('base64'),
      });
    }
    if (action === 'PutContent') {
      const branch = this.branches.get(body.branch);
      if (!branch) return reply(404, { message: 'Branch not found' });
      const current = branch.files.get(file);
      if (current !== undefined && body.sha !== blobSha(current))
        return reply(409, { message: `${file} does not match ${body.sha}` });
      const text = Buffer.from(body.content, 'base64').toString('utf8');
      branch.files.set(file, text);
      branch.sha = this.nextSha();
      return reply(200, {
        content: { path: file, sha: blobSha(text) },
        commit: { sha: branch.sha },
      });
    }
    reply(404, { message: `not faked: ${request.method} ${path}` });
  }

  private nextSha(): string {
    this.commits += 1;
    return createHash('sha1').update(`commit:${this.commits}`).digest('hex');
  }
}

function actionOf(method: string, path: string): string {
  if (path.startsWith('/pulls'))
    return method === 'POST' ? 'CreatePullRequest' : 'ListPullRequests';
  if (path.startsWith('/git/ref/heads/')) return 'GetRef';
  if (path === '/git/refs') return 'CreateRef';
  if (path.startsWith('/contents/')) return method === 'PUT' ? 'PutContent' : 'GetContent';
  return 'Unknown';
}
