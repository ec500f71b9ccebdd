export * from './dead-letter-queue';
export * from './event-forwarder';
export * from './github-dispatch';
export * from './model-approval-pattern';
export * from './promotion-bus';
export * from './retry-policy';
