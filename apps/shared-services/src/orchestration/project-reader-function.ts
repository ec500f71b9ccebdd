import { PROJECT_ORCHESTRATION_PURPOSES } from '@genai-sandbox/config';
import { PlatformFunction } from '@genai-sandbox/compute';
import {
  functionSource,
  type ProjectReaderSetting,
  projectReaderEnvironment,
} from '@genai-sandbox/functions';
import { LambdaAlarms, type IAlarmTopic } from '@genai-sandbox/observability';
import type { IKey } from '@genai-sandbox/security';
import { Construct } from 'constructs';
import { DATAZONE_READ_ACTIONS } from './perms';

export interface ProjectReaderFunctionProps {
  readonly setting: ProjectReaderSetting;
  readonly encryptionKey: IKey;
  readonly alarmTopic: IAlarmTopic;
}

/**
 * The smus-project-reader function: reads a new project of the domain from DataZone, and may
 * read nothing else, and nothing of another domain.
 */
export class ProjectReaderFunction extends Construct {
  readonly function: PlatformFunction;

  constructor(scope: Construct, id: string, props: ProjectReaderFunctionProps) {
    super(scope, id);
    this.function = new PlatformFunction(this, 'Function', {
      purpose: PROJECT_ORCHESTRATION_PURPOSES.reader,
      description: 'Reads a new SageMaker Unified Studio project and maps it to its platform entry',
      source: functionSource('smus-project-reader'),
      encryptionKey: props.encryptionKey,
      environment: projectReaderEnvironment(props.setting),
      timeoutSeconds: 60,
      // Projects are created a few a day; a burst of events must not exhaust the account.
      reservedConcurrency: 5,
    });
    this.function.addToRolePolicy({
      Sid: 'ReadProjectsOfTheDomain',
      Effect: 'Allow',
      Action: [...DATAZONE_READ_ACTIONS],
      Resource: '*',
      Condition: { StringEquals: { 'datazone:domainId': props.setting.domainId } },
    });
    new LambdaAlarms(this, 'Alarms', {
      functionName: this.function.functionName,
      topic: props.alarmTopic,
    });
  }
}
