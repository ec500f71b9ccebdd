import { CliError } from '../errors';
import { describePromoteFailure, type FailedPromoteCall, isNetworkFailure } from './aws-errors';
import type { PromotionRequest } from './request';

/** Runs the AWS calls of one promotion, and turns a failure into what was done and what to do. */
export class Session {
  readonly copied: string[] = [];
  registered: string | undefined;

  constructor(
    private readonly request: PromotionRequest,
    private readonly role: string,
    private readonly endpoint: (service: 'S3' | 'SageMaker' | 'ECR') => string,
  ) {}

  async call<T>(
    call: Pick<FailedPromoteCall, 'service' | 'action' | 'resource'>,
    deniedHint: string,
    body: () => Promise<T>,
  ): Promise<T> {
    try {
      return await body();
    } catch (error) {
      if (error instanceof CliError) throw error;
      const reason = describePromoteFailure(error, {
        ...call,
        role: this.role,
        endpoint: this.endpoint(call.service),
        deniedHint,
      });
      const again = isNetworkFailure(error)
        ? 'Check the network, then run the same command again: it finds what this run did and finishes the job.'
        : 'Fix the cause, then run the same command again: it finds what this run did and finishes the job.';
      throw new CliError(`promote: ${reason}\n${this.state()} ${again}`);
    }
  }

  private state(): string {
    const file = `releases/${this.request.to.name}.json`;
    if (this.registered) return `Registered ${this.registered}, but ${file} was not written.`;
    if (this.copied.length > 0)
      return `Copied ${this.copied.join(', ')}, but registered no package and did not write ${file}.`;
    return `This run copied nothing, registered nothing and did not write ${file}.`;
  }
}
