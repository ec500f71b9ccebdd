import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A place in a source file, relative to the directory the report is for. */
export interface SourceLocation {
  readonly uri: string;
  readonly line: number;
}

/**
 * Finds where an app creates the construct a finding comes from, from the construct path cdktf
 * records in the synthesized JSON (`//` metadata: `<stack>/<Id>/.../Resource`): the expression
 * `new Something(<scope>, '<Id>'` in the app's `src/` whose ID is the path's first segment below
 * the stack. That is the line a reviewer changes; deeper segments belong to the construct
 * packages. Deterministic (files in name order, the first match), and nothing is recorded at
 * synthesis, which stays as fast as it is. Unknown (undefined) when no app file names the ID as a
 * literal: an ID computed at run time, or a resource the stack itself adds.
 */
/** What precedes the ID in `new Something(scope, 'Id'`, up to the ID's opening quote. */
const CREATION_BEFORE_ID = /new\s+[\w.]+\(\s*[\w.]+\s*,\s*$/;

export class SourceLocator {
  private readonly sources = new Map<string, readonly { path: string; text: string }[]>();

  constructor(
    private readonly appsDir: string,
    private readonly baseDir: string,
  ) {}

  locate(app: string, constructPath: string | undefined): SourceLocation | undefined {
    const id = constructPath?.split('/')[1];
    if (!id) return undefined;
    for (const { path, text } of this.appSources(app)) {
      for (const quote of ["'", '"', '`']) {
        const literal = `${quote}${id}${quote}`;
        for (let at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + 1)) {
          if (!CREATION_BEFORE_ID.test(text.slice(Math.max(0, at - 200), at))) continue;
          return {
            uri: relative(this.baseDir, path).split('\\').join('/'),
            line: text.slice(0, at).split('\n').length,
          };
        }
      }
    }
    return undefined;
  }

  private appSources(app: string) {
    let found = this.sources.get(app);
    if (!found) {
      found = typeScriptFiles(join(this.appsDir, app, 'src')).map((path) => ({
        path,
        text: readFileSync(path, 'utf8'),
      }));
      this.sources.set(app, found);
    }
    return found;
  }
}

function typeScriptFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return typeScriptFiles(path);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
    });
}
