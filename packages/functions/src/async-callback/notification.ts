/**
 * The notifications the callback receives: Lambda's SNS event, each record carrying the JSON
 * SageMaker Asynchronous Inference publishes to the endpoint's success or error topic.
 */

export interface AsyncResultNotification {
  readonly topicArn: string;
  readonly inferenceId: string;
  readonly endpointName: string;
  readonly status: 'Completed' | 'Failed';
  /** `s3://...` of the result (Completed). */
  readonly outputLocation?: string;
  /** `s3://...` of the model's error answer (Failed, when the model answered). */
  readonly failureLocation?: string;
  /** SageMaker's reason (Failed). */
  readonly failureReason?: string;
}

/** An event the callback cannot deliver, whatever the retries: it goes to the dead-letter queue. */
export class MalformedNotificationError extends Error {
  override readonly name = 'MalformedNotificationError';
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

/**
 * Reads every record of the event. A wrong shape fails with the record, the field, what it held
 * (never a payload) and what SNS and SageMaker send instead.
 */
export function parseNotifications(event: unknown): AsyncResultNotification[] {
  const records = isObject(event) ? event.Records : undefined;
  if (!Array.isArray(records) || records.length === 0)
    throw new MalformedNotificationError(
      'SNS event: Records is missing or empty; the callback takes only SNS subscription events of the endpoint topics',
    );
  return records.map((record, index) => {
    const where = `SNS event Records[${index}]`;
    const sns = isObject(record) ? record.Sns : undefined;
    if (!isObject(record) || record.EventSource !== 'aws:sns' || !isObject(sns))
      throw new MalformedNotificationError(
        `${where}: EventSource is ${JSON.stringify(isObject(record) ? record.EventSource : record)}, expected "aws:sns" with an Sns object; subscribe the function to the topics with protocol lambda`,
      );
    const topicArn = text(sns.TopicArn) ?? '';
    let message: unknown;
    try {
      message = JSON.parse(String(sns.Message));
    } catch {
      throw new MalformedNotificationError(
        `${where}.Sns.Message from ${topicArn}: not JSON; only SageMaker should publish to the endpoint topics`,
      );
    }
    const body = isObject(message) ? message : {};
    const request = isObject(body.requestParameters) ? body.requestParameters : {};
    const response = isObject(body.responseParameters) ? body.responseParameters : {};
    const status = body.invocationStatus;
    const inferenceId = text(body.inferenceId);
    const endpointName = text(request.endpointName);
    if (
      body.eventSource !== 'aws:sagemaker' ||
      (status !== 'Completed' && status !== 'Failed') ||
      !inferenceId ||
      !endpointName
    )
      throw new MalformedNotificationError(
        `${where}.Sns.Message from ${topicArn}: eventSource ${JSON.stringify(body.eventSource)}, invocationStatus ${JSON.stringify(status)}, inferenceId ${inferenceId ? 'set' : 'missing'}, requestParameters.endpointName ${endpointName ? 'set' : 'missing'}; expected a SageMaker asynchronous inference notification ("aws:sagemaker", Completed or Failed, with both IDs)`,
      );
    return {
      topicArn,
      inferenceId,
      endpointName,
      status,
      outputLocation: text(response.outputLocation),
      failureLocation: text(response.failureLocation),
      failureReason: text(body.failureReason),
    };
  });
}
