// Only what stacks need at synth time: no handler module (they load the SDK clients) is exported.
export * from './catalogue';
export * from './inference-router/routing-setting';
export * from './agent-action-group/action-schema';
export * from './shared/orchestration-errors';
export * from './smus-project-reader/project-created-event';
export * from './smus-project-reader/reader-setting';
export * from './project-pull-request/pull-request-setting';
export * from './batch-submitter/submitter-setting';
export * from './batch-job-events/job-events-setting';
export * from './async-submitter/submitter-setting';
export * from './async-callback/callback-setting';
