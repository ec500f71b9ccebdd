import { randomUUID } from 'node:crypto';

/**
 * The messages SNS and SageMaker Asynchronous Inference produce, for handlers subscribed to an
 * endpoint's success and error topics: the notification SageMaker publishes when a queued
 * request completes or fails, and the event Lambda receives from an SNS subscription.
 */

export interface AsyncNotificationInput {
  readonly endpointName: string;
  readonly inferenceId: string;
  readonly inputLocation: string;
  /** Completed: `outputLocation` is set; Failed: `failureReason`, and `failureLocation` when the model answered. */
  readonly status: 'Completed' | 'Failed';
  readonly outputLocation?: string;
  readonly failureLocation?: string;
  readonly failureReason?: string;
  readonly region?: string;
}

/** The JSON SageMaker publishes to the success or error topic of an asynchronous endpoint. */
export function asyncInferenceNotification(input: AsyncNotificationInput): string {
  const time = new Date(Date.UTC(2026, 11, 2, 8, 0, 0)).toISOString();
  return JSON.stringify({
    awsRegion: input.region ?? 'eu-west-1',
    eventTime: time,
    receivedTime: time,
    invocationStatus: input.status,
    ...(input.failureReason && { failureReason: input.failureReason }),
    requestParameters: {
      contentType: 'application/json',
      endpointName: input.endpointName,
      inputLocation: input.inputLocation,
    },
    responseParameters: {
      contentType: 'application/json',
      ...(input.outputLocation && { outputLocation: input.outputLocation }),
      ...(input.failureLocation && { failureLocation: input.failureLocation }),
    },
    inferenceId: input.inferenceId,
    eventVersion: '1.0',
    eventSource: 'aws:sagemaker',
    eventName: 'InferenceResult',
  });
}

/** The event Lambda receives from an SNS subscription: one record per message. */
export function snsLambdaEvent(topicArn: string, messages: readonly string[]) {
  return {
    Records: messages.map((message) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: `${topicArn}:${randomUUID()}`,
      Sns: {
        Type: 'Notification',
        MessageId: randomUUID(),
        TopicArn: topicArn,
        Subject: null,
        Message: message,
        Timestamp: '2026-12-02T08:00:01.000Z',
        SignatureVersion: '1',
        Signature: 'EXAMPLE',
        SigningCertUrl: 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0.pem',
        UnsubscribeUrl: 'https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe',
        MessageAttributes: {},
      },
    })),
  };
}
