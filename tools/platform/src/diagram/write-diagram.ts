import { loadPlatformConfiguration } from '@genai-sandbox/config';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CliError, EXIT_FAILURE, EXIT_OK } from '../errors';
import type { Output } from '../progress';
import { promotionDiagram } from './promotion-diagram';

/** The generated page, relative to the repository root. */
export const DIAGRAM_DOCUMENT = join('docs', 'promotion-chain.md');
const README_FILE = 'README.md';
export const DIAGRAM_START_MARKER = '<!-- promotion-diagram:start -->';
export const DIAGRAM_END_MARKER = '<!-- promotion-diagram:end -->';
const COMMAND = 'npm run platform -- diagram';

export interface WritePromotionDiagramOptions {
  /** The configuration directory the diagram is drawn from. */
  readonly configDir: string;
  /** The repository whose README.md and docs/ hold the diagram. */
  readonly repoRoot: string;
  /** Compare the files with the configuration instead of writing them; stale files fail. */
  readonly check: boolean;
  readonly output: Output;
}

/** The repository this CLI belongs to (tools/platform/{src,dist}/diagram -> ../../../..). */
export function defaultRepoRoot(): string {
  return resolve(__dirname, '..', '..', '..', '..');
}

function mermaidBlock(diagram: string): string {
  return `\`\`\`mermaid\n${diagram}\`\`\`\n`;
}

/** The whole of docs/promotion-chain.md. */
function promotionDiagramDocument(diagram: string): string {
  return [
    '# Promotion chain',
    '',
    `How an approved model travels from one account of the promotion chain to the next (see [Promotion](architecture.md#promotion)). Generated from the platform configuration by \`${COMMAND}\`; do not edit by hand.`,
    '',
    mermaidBlock(diagram),
  ].join('\n');
}

/**
 * `readme` with the block between the markers replaced by the diagram. Blank lines around the
 * block keep Prettier from changing it. Throws when the markers are missing or out of order,
 * since guessing where the diagram belongs would edit someone's prose.
 */
function withDiagramBlock(readme: string, diagram: string, file: string): string {
  const lines = readme.split('\n');
  const starts = lines.flatMap((line, index) =>
    line.trim() === DIAGRAM_START_MARKER ? [index] : [],
  );
  const ends = lines.flatMap((line, index) => (line.trim() === DIAGRAM_END_MARKER ? [index] : []));
  if (starts.length !== 1 || ends.length !== 1 || ends[0] < starts[0]) {
    throw new CliError(
      `${file}: expected one line "${DIAGRAM_START_MARKER}" and, after it, one line "${DIAGRAM_END_MARKER}"; found ${starts.length} and ${ends.length}${starts.length === 1 && ends.length === 1 ? ' in the wrong order' : ''}. Put the two markers where the diagram belongs and run "${COMMAND}" again.`,
    );
  }
  return [
    ...lines.slice(0, starts[0] + 1),
    '',
    ...mermaidBlock(diagram).trimEnd().split('\n'),
    '',
    ...lines.slice(ends[0]),
  ].join('\n');
}

/**
 * Writes (or with `check`, compares) the promotion-chain diagram in docs/promotion-chain.md and
 * in the marked block of README.md. Nothing is written unless both can be: a README without
 * markers stops the command first. Each file goes to a temporary name and is renamed, so a
 * reader never sees half a file.
 */
export function writePromotionDiagram(options: WritePromotionDiagramOptions): number {
  const { configDir, repoRoot, check, output } = options;
  const diagram = promotionDiagram(loadPlatformConfiguration(configDir));
  const readmePath = join(repoRoot, README_FILE);
  if (!existsSync(readmePath)) {
    throw new CliError(
      `${readmePath}: not found; pass the repository root, whose README.md has the markers ${DIAGRAM_START_MARKER} and ${DIAGRAM_END_MARKER}.`,
    );
  }
  const wanted = new Map([
    [join(repoRoot, DIAGRAM_DOCUMENT), promotionDiagramDocument(diagram)],
    [readmePath, withDiagramBlock(readFileSync(readmePath, 'utf8'), diagram, readmePath)],
  ]);
  const stale = [...wanted].filter(
    ([path, text]) => !existsSync(path) || readFileSync(path, 'utf8') !== text,
  );
  if (check && stale.length > 0) {
    output.err(
      `Out of date: ${stale.map(([path]) => path).join(', ')}. Run "${COMMAND}" and commit the result.`,
    );
    return EXIT_FAILURE;
  }
  for (const [path, text] of stale) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(`${path}.tmp`, text);
    renameSync(`${path}.tmp`, path);
  }
  output.out(
    stale.length === 0
      ? `The promotion diagram in ${[...wanted.keys()].join(' and ')} is up to date.`
      : `Wrote ${stale.map(([path]) => path).join(', ')}.`,
  );
  return EXIT_OK;
}
