import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * No package imports itself in a circle: a cycle makes module initialisation order matter (a
 * constant read before it is defined is `undefined`), and it is the first sign that a module
 * holds two concerns. Only relative imports are followed; packages import each other by name,
 * and Nx's module boundaries keep those one-way.
 */
const ROOT = resolve(__dirname, '..', '..', '..');
const PROJECT_DIRS = ['packages', 'apps', 'tools'].flatMap((group) =>
  readdirSync(join(ROOT, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(ROOT, group, entry.name, 'src'))
    .filter((dir) => existsSync(dir)),
);

const IMPORT = /(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  const candidates = [`${base}.ts`, join(base, 'index.ts'), base];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

/** The relative imports of every file, type-only ones included (they still couple the modules). */
function importGraph(dir: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(IMPORT)]
      .map((match) => resolveImport(file, match[1]))
      .filter((target): target is string => target !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Every cycle found by depth-first search, each as the files along it. */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'visiting');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'visiting') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

describe('import cycles', () => {
  it('finds the source directories of every project', () => {
    expect(PROJECT_DIRS.length).toBeGreaterThanOrEqual(10);
  });

  it.each(PROJECT_DIRS.map((dir) => [relative(ROOT, dir), dir]))('%s has none', (_, dir) => {
    const graph = importGraph(dir);
    expect(graph.size).toBeGreaterThan(0);
    const cycles = findCycles(graph).map((cycle) =>
      cycle.map((file) => relative(ROOT, file)).join(' -> '),
    );
    expect(cycles).toEqual([]);
  });

  it('fails when two modules import each other', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(findCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });
});
