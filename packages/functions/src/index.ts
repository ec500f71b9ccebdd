// Only what stacks need at synth time: no handler module (they load the SDK clients) is exported.
export * from './catalogue';
export * from './inference-router/routing-setting';
export * from './agent-action-group/action-schema';
export * from './async-submitter/submitter-setting';
export * from './async-callback/callback-setting';
