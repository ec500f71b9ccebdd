export * from './dead-letter-queue';
export * from './event-forwarder';
export * from './event-target-role';
export * from './github-dispatch';
export * from './model-approval-pattern';
export * from './promotion-bus';
export * from './retry-policy';
