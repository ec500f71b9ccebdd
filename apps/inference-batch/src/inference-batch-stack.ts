import { ML_BUCKET_LAYOUT, type InferenceBatchSettings, type Release } from '@genai-sandbox/config';
import {
  addOutput,
  assertProjectContext,
  FoundationInputs,
  PlatformStack,
  type StackContext,
} from '@genai-sandbox/core';
import {
  InferenceApi,
  inferenceExecutionRole,
  InferenceModel,
  releaseOf,
  transformJobNamePrefix,
} from '@genai-sandbox/inference';
import { JobFailureNotification } from '@genai-sandbox/observability';
import {
  type ExternalRole,
  grantProjectMembers,
  PlatformKey,
  type ServiceRole,
} from '@genai-sandbox/security';
import { MlBucketReference } from '@genai-sandbox/storage';
import type { Construct } from 'constructs';
import { BatchEventRule } from './batch-event-rule';
import { BatchJobEvents } from './batch-job-events';
import { BatchResultsCatalog } from './batch-results-catalog';
import { BatchSchedule } from './batch-schedule';
import { BatchSubmitter } from './batch-submitter';

export const INFERENCE_BATCH_APP = 'inference-batch';
export const BATCH_ROUTE = 'batch';
export const BATCH_INPUT_PREFIX = ML_BUCKET_LAYOUT.inference.batchInput;
export const BATCH_OUTPUT_PREFIX = ML_BUCKET_LAYOUT.inference.batchOutput;
/** What the batch role may do under the output folder: add objects, never read or delete them. */
export const BATCH_OUTPUT_WRITE_ACTIONS = ['s3:PutObject', 's3:AbortMultipartUpload'] as const;

/**
 * Blueprint 3c, batch transform, for one project: SageMaker batch transform jobs of the model
 * package the release manifest pins, started by the `batch-submitter` function for every object
 * uploaded under `inference/batch/input/` (an EventBridge rule on the project bucket's S3 events),
 * on an optional schedule, and through `POST /batch` of the project's inference API; one job per
 * input (deterministic names), in the platform VPC with network isolation (the model's), the
 * platform key on volumes and output. Failed jobs notify the alarm topic; every state change is
 * recorded as the dashboard's batch metrics by the `batch-job-events` function; a Glue crawler catalogs
 * `inference/batch/output/` so results can be queried in Athena.
 *
 * SageMaker batch transform has no managed spot option: jobs run on demand.
 *
 * Without a release the model, the batch role and the triggers are left out (a job needs a model)
 * and synth says so; the route, the submitter (which answers that no release exists), the
 * catalog and the alarms are deployed.
 */
export class InferenceBatchStack extends PlatformStack {
  readonly settings: InferenceBatchSettings;
  readonly release?: Release;
  readonly jobNamePrefix: string;
  readonly bucket: MlBucketReference;
  readonly submitter: BatchSubmitter;
  readonly api: InferenceApi;
  readonly failureNotification: JobFailureNotification;
  readonly catalog: BatchResultsCatalog;
  readonly batchRole?: ServiceRole;
  readonly model?: InferenceModel;
  readonly inputRule?: BatchEventRule;
  readonly jobEvents: BatchJobEvents;
  readonly schedule?: BatchSchedule;
  /** The project's SageMaker Unified Studio role, when configured: what its members get here. */
  readonly projectRole?: ExternalRole;

  constructor(scope: Construct, context: StackContext) {
    assertProjectContext(context, INFERENCE_BATCH_APP);
    super(scope, { ...context, app: INFERENCE_BATCH_APP });
    this.settings = context.environment.blueprints.inferenceBatch;
    const key = PlatformKey.fromEnvironment(this);
    const inputs = FoundationInputs.of(this);
    const keyByArn = PlatformKey.fromKeyArn(inputs.platformKeyArn, key.aliasName);
    this.bucket = MlBucketReference.ofProject(this);
    this.jobNamePrefix = transformJobNamePrefix(this.naming.name('sagemaker', BATCH_ROUTE));
    this.release = releaseOf(this, INFERENCE_BATCH_APP);

    if (this.release) {
      this.batchRole = inferenceExecutionRole(this, 'BatchRole', {
        method: BATCH_ROUTE,
        purpose: 'batch-transform',
        runs: 'SageMaker batch transform jobs',
        bucket: this.bucket,
        modelPackageGroup: this.release.modelPackageGroup,
        inVpc: true,
      });
      // Jobs read the input folder and add results under the output folder: nothing else.
      this.bucket.grantRead(this.batchRole, BATCH_INPUT_PREFIX);
      this.batchRole.addToPolicy({
        Sid: 'WriteBatchOutput',
        Effect: 'Allow',
        Action: [...BATCH_OUTPUT_WRITE_ACTIONS],
        Resource: `${this.bucket.bucketArn}/${BATCH_OUTPUT_PREFIX}*`,
      });
      this.model = new InferenceModel(this, 'Model', {
        method: BATCH_ROUTE,
        modelPackageArn: this.release.modelPackageArn,
        role: this.batchRole,
        vpc: {
          subnetIds: inputs.privateSubnetIds,
          securityGroupIds: [inputs.workloadSecurityGroupId],
        },
      });
    }

    this.submitter = new BatchSubmitter(this, 'Submitter', {
      jobNamePrefix: this.jobNamePrefix,
      modelName: this.model?.physicalName,
      settings: this.settings,
      bucket: this.bucket,
      encryptionKey: keyByArn,
      tags: {
        platform: this.config.platform.name,
        environment: this.environment.name,
        project: context.project.name,
        blueprint: INFERENCE_BATCH_APP,
      },
    });
    this.api = new InferenceApi(this, 'Api', {
      route: BATCH_ROUTE,
      handler: this.submitter.function,
      encryptionKey: keyByArn,
      throttling: this.settings.api,
    });
    if (this.release) {
      // The ML bucket sends every S3 event to EventBridge (foundation); folder markers and empty
      // objects start nothing.
      this.inputRule = new BatchEventRule(this, 'InputRule', {
        purpose: 'batch-input',
        description: `Objects created under ${BATCH_INPUT_PREFIX} of ${this.bucket.bucketName} start batch transform jobs`,
        eventPattern: {
          source: ['aws.s3'],
          'detail-type': ['Object Created'],
          detail: {
            bucket: { name: [this.bucket.bucketName] },
            object: { key: [{ prefix: BATCH_INPUT_PREFIX }], size: [{ numeric: ['>', 0] }] },
          },
        },
        target: this.submitter.function,
        encryptionKey: keyByArn,
      });
      if (this.settings.schedule)
        this.schedule = new BatchSchedule(this, 'Schedule', {
          settings: this.settings.schedule,
          submitter: this.submitter.function,
          encryptionKey: keyByArn,
        });
    }
    this.failureNotification = new JobFailureNotification(this, 'FailedJobs', {
      jobKind: 'transform',
      jobNamePrefix: `${this.jobNamePrefix}-`,
      purpose: 'batch-jobs',
    });
    this.jobEvents = new BatchJobEvents(this, 'JobEvents', {
      jobNamePrefix: this.jobNamePrefix,
      encryptionKey: keyByArn,
    });
    this.catalog = new BatchResultsCatalog(this, 'Results', {
      bucket: this.bucket,
      crawlerSchedule: this.settings.crawlerSchedule,
    });
    // Members submit by uploading inputs or through the route, and read the results, in S3 or
    // through the catalog.
    this.projectRole = grantProjectMembers(this, [
      (role) => this.api.grantInvoke(role),
      (role) => this.bucket.grantReadWrite(role, BATCH_INPUT_PREFIX),
      (role) => this.bucket.grantRead(role, BATCH_OUTPUT_PREFIX),
      (role) => this.catalog.database.grantRead(role),
    ]);
    this.declareOutputs();
  }

  private declareOutputs(): void {
    addOutput(this, 'inference_url', {
      value: this.api.routeUrl,
      description:
        'POST { "inputPrefix": "inference/batch/input/<folder>/", "runId"? } with SigV4 (execute-api:Invoke) to submit a batch transform job',
    });
    addOutput(this, 'inference_route_arn', {
      value: this.api.routeArn,
      description: 'Resource of execute-api:Invoke for callers of the batch route',
    });
    addOutput(this, 'input_location', {
      value: this.bucket.s3Uri(BATCH_INPUT_PREFIX),
      description: 'Objects uploaded here start a batch transform job each',
    });
    addOutput(this, 'output_location', {
      value: this.bucket.s3Uri(BATCH_OUTPUT_PREFIX),
      description: 'Results: <dataset>/job=<job name>/ per job',
    });
    addOutput(this, 'job_name_prefix', {
      value: this.jobNamePrefix,
      description: 'Every batch transform job of the project is named <prefix>-<16 hex digits>',
    });
    addOutput(this, 'submitter_function_name', {
      value: this.submitter.function.functionName,
      description: 'Lambda function that submits the batch transform jobs',
    });
    addOutput(this, 'results_database_name', {
      value: this.catalog.database.name,
      description: 'Glue database of the tables crawled from inference/batch/output/',
    });
    addOutput(this, 'results_crawler_name', {
      value: this.catalog.crawler.name,
      description: 'Glue crawler of inference/batch/output/',
    });
  }
}
