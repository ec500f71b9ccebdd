import { loadPlatformConfiguration } from '@genai-sandbox/config';
import { PlatformStack } from '@genai-sandbox/core';
import { ServiceRole } from '@genai-sandbox/security';
import { ML_BUCKET_LAYOUT, MlBucketReference } from '@genai-sandbox/storage';
import { App } from 'cdktf';

/** A team's own stack next to the platform's: a role that reads its project's raw data. */
export function teamStacks(configDir: string, outdir: string) {
  const config = loadPlatformConfiguration(configDir); // the platform's environments/
  const app = new App({ outdir });
  for (const environment of config.environments) {
    for (const project of environment.projects) {
      const stack = new PlatformStack(app, { config, environment, project, app: 'team-jobs' });
      const role = new ServiceRole(stack, 'JobRole', {
        purpose: 'team-jobs',
        description: 'The team jobs of the project',
        service: 'sagemaker.amazonaws.com',
      });
      MlBucketReference.ofProject(stack).grantRead(role, ML_BUCKET_LAYOUT.data.raw);
    }
  }
  app.synth(); // cdktf.out/stacks/team-jobs-<project>-<env>/cdk.tf.json
}
