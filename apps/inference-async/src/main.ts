/**
 * Entry point for the conventional cdktf CLI (`cdktf synth` in this directory, see cdktf.json).
 * The platform CLI synthesizes every app in one process instead; both produce the same stacks.
 */
import { loadPlatformConfiguration } from '@genai-sandbox/config';
import { planStacks, synthesizeStacks } from '@genai-sandbox/core';
import { join } from 'node:path';
import { platformApp } from './index';

const configDir = process.env.PLATFORM_CONFIG_DIR ?? join(__dirname, '../../../environments');
synthesizeStacks(
  planStacks([platformApp], loadPlatformConfiguration(configDir)),
  process.env.CDKTF_OUTDIR ?? 'cdktf.out',
);
