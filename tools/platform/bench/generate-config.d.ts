/** See generate-config.js: the checked-in configuration with `projects` full-profile projects. */
export function generateConfiguration(options: {
  projects: number;
  outDir?: string;
  sourceDir?: string;
}): string;
export function projectNames(count: number): string[];
