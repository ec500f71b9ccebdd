import { addOutput, PlatformStack, type StackContext } from '@genai-sandbox/core';
import type { Construct } from 'constructs';

export class MyStack extends PlatformStack {
  constructor(scope: Construct, context: StackContext) {
    super(scope, { ...context, app: 'inference-realtime' });
    const roleName = this.naming.name('iam-role', 'router'); // genai-dev-fraud-detection-router
    addOutput(this, 'router_role_name', {
      value: roleName,
      description: 'Role of the router Lambda',
    });
  }
}
