import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

// Dependencies point one way: apps -> constructs -> core -> config (docs/architecture.md). Lambda
// handler source (type:function) is bundled on its own, so it imports only other handler source;
// constructs and apps read its catalogue (entry paths, settings). type:test code (the local AWS
// server) serves tests only: no source tag lists it, the test-file blocks below add it.
const sourceConstraints = [
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:construct', 'type:core', 'type:config', 'type:function'],
  },
  {
    sourceTag: 'type:construct',
    onlyDependOnLibsWithTags: ['type:construct', 'type:core', 'type:config', 'type:function'],
  },
  { sourceTag: 'type:core', onlyDependOnLibsWithTags: ['type:config'] },
  { sourceTag: 'type:config', onlyDependOnLibsWithTags: [] },
  {
    sourceTag: 'type:tool',
    onlyDependOnLibsWithTags: ['type:config', 'type:core', 'type:policy'],
  },
  { sourceTag: 'type:policy', onlyDependOnLibsWithTags: ['type:config'] },
  { sourceTag: 'type:function', onlyDependOnLibsWithTags: ['type:function'] },
  { sourceTag: 'type:test', onlyDependOnLibsWithTags: [] },
];

/**
 * The same constraints for test files, which may also use the test server and run the policy
 * packs over what they synthesize: tests are never shipped, and a construct should pass the gate
 * its users' stacks must pass.
 */
const testConstraints = sourceConstraints.map((constraint) => ({
  ...constraint,
  onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'type:test', 'type:policy'],
}));

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/cdktf.out/**', '.nx/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: sourceConstraints,
        },
      ],
      // The provider's barrel costs ~5 s and ~550 MB per process; deep imports cost ~0.3 s.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@cdktf/provider-aws',
              message:
                "Import provider classes by deep path, e.g. '@cdktf/provider-aws/lib/s3-bucket' (docs/architecture.md).",
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['packages/*/test/**/*.ts', 'apps/*/test/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, depConstraints: testConstraints },
      ],
    },
  },
  {
    // Test fixtures of the tools may build real constructs: they are never shipped, and the policy
    // gate must be tested against what users build.
    files: ['tools/*/test/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          depConstraints: [
            {
              sourceTag: 'type:tool',
              onlyDependOnLibsWithTags: [
                'type:config',
                'type:core',
                'type:policy',
                'type:construct',
                'type:function',
                'type:test',
              ],
            },
          ],
        },
      ],
    },
  },
  {
    // README examples are tests that import the package by name, as its users do.
    files: ['**/test/readme-example*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        __filename: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
