import { ORCHESTRATION_ERRORS, OrchestrationError } from '../shared/orchestration-errors';

/** The project entry of `environments/<env>.json` (packages/config `projectSchema`). */
export interface ProjectEntry {
  readonly name: string;
  readonly profile: string;
  readonly smusProjectId: string;
  readonly smusProjectRoleArn: string;
}

interface EnvironmentFile {
  readonly projects?: readonly Partial<ProjectEntry>[];
}

function parse(text: string, path: string): EnvironmentFile {
  try {
    return JSON.parse(text) as EnvironmentFile;
  } catch {
    throw new OrchestrationError(
      ORCHESTRATION_ERRORS.gitHubRefused,
      `${path} on GitHub is not JSON; fix the file on the branch`,
    );
  }
}

/**
 * Whether `text` already has the project: true for the same SMUS project, false when absent. A
 * different SMUS project under the same name, or this one under another name, is a conflict a
 * person resolves (rename one project), never something to overwrite.
 */
export function hasProject(text: string, entry: ProjectEntry, path: string): boolean {
  const projects = parse(text, path).projects ?? [];
  const byName = projects.find((project) => project.name === entry.name);
  const byId = projects.find((project) => project.smusProjectId === entry.smusProjectId);
  if (byName && byName.smusProjectId !== entry.smusProjectId) {
    throw new OrchestrationError(
      ORCHESTRATION_ERRORS.projectNotProvisionable,
      `${path} already has a project "${entry.name}" (SMUS project ${byName.smusProjectId ?? 'none'}); rename SMUS project ${entry.smusProjectId} or add it to ${path} by hand under another name`,
    );
  }
  if (byId && byId.name !== entry.name) {
    throw new OrchestrationError(
      ORCHESTRATION_ERRORS.projectNotProvisionable,
      `${path} has SMUS project ${entry.smusProjectId} as "${byId.name}", not "${entry.name}"; rename one of them`,
    );
  }
  return byId !== undefined;
}

/** The end of the JSON array that starts at `open` (its `[`), skipping strings. */
function closingBracket(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index += 1) {
    const char = text[index];
    if (char === '"') {
      for (index += 1; index < text.length && text[index] !== '"'; index += 1) {
        if (text[index] === '\\') index += 1;
      }
    } else if (char === '[' || char === '{') depth += 1;
    else if ((char === ']' || char === '}') && --depth === 0) return index;
  }
  return -1;
}

/**
 * `text` with the project appended to `projects`, as a reviewer wants to see it: the rest of the
 * file byte for byte, the entry expanded one field a line (the form Prettier keeps). A file the
 * text edit cannot handle is written out whole instead; either way the result is checked.
 */
export function withProject(text: string, entry: ProjectEntry, path: string): string {
  const file = parse(text, path);
  const expected = JSON.stringify([...(file.projects ?? []), entry]);
  const key = /^( *)"projects"\s*:\s*\[/m.exec(text);
  if (key) {
    const indent = key[1];
    const open = key.index + key[0].length - 1;
    const close = closingBracket(text, open);
    const inner = `${indent}  `;
    const fields = Object.entries(entry)
      .map(([field, value]) => `${inner}  ${JSON.stringify(field)}: ${JSON.stringify(value)}`)
      .join(',\n');
    const object = `${inner}{\n${fields}\n${inner}}`;
    const before = text.slice(0, close).replace(/\s*$/, '');
    const empty = before.endsWith('[');
    const edited = `${before}${empty ? '' : ','}\n${object}\n${indent}${text.slice(close)}`;
    try {
      if (JSON.stringify((JSON.parse(edited) as EnvironmentFile).projects) === expected)
        return edited;
    } catch {
      // fall through to the whole file
    }
  }
  return `${JSON.stringify({ ...file, projects: [...(file.projects ?? []), entry] }, null, 2)}\n`;
}
