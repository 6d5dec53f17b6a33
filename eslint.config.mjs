// Lint rules that guard the layers (see README "Layout"). The import rules are the point of this file: a layer may
// import only the layers below it, the dashboard only the wire contracts, and the pure core nothing that touches the
// machine (files, workers, ONNX Runtime), so it runs the same in a test, a worker and a browser.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Node built-ins and native runtimes: what "touches the machine" means for the pure core. */
const MACHINE = [
  {
    group: ['node:*'],
    message: 'The pure core does no I/O: take what you need as a parameter from the runtime layer.',
  },
  {
    group: [
      'fs',
      'path',
      'os',
      'child_process',
      'worker_threads',
      'onnxruntime-node',
      'onnxruntime-*',
      '@tensorflow/*',
    ],
    message: 'The pure core does no I/O: take what you need as a parameter from the runtime layer.',
  },
];

const upward = (layer, forbidden) =>
  forbidden.map((name) => ({
    group: [`**/${name}`, `**/${name}/**`],
    message: `${layer} sits below ${name}/ and must not import it (imports only go down the layers).`,
  }));

/** The runtime parts of models/ (files, downloads, sessions, workers): the pure core must not reach them. */
const RUNTIME_MODELS = [
  'hub',
  'format',
  'onnx',
  'embedding',
  'checkpoint',
  'tfjs',
  'training',
  'fillmask',
  'runtime',
].map((name) => ({
  group: [
    `**/models/${name}`,
    `**/models/${name}/**`,
    `../${name}`,
    `../${name}/**`,
    `../../${name}`,
    `../../${name}/**`,
  ],
  message: `The pure core must not import the runtime layer (models/${name}/).`,
}));

// Type-only imports are allowed across the runtime line: an interface (Embedder, Tensor) carries no I/O.
const restrict = (patterns) => ({
  'no-restricted-imports': 'off',
  '@typescript-eslint/no-restricted-imports': [
    'error',
    { patterns: patterns.map((p) => ({ ...p, allowTypeImports: true })) },
  ],
});

/** Tests may cross layers on purpose: they check that two sides agree (a server diff and the dashboard applying it). */
const TESTS = ['**/*.test.ts', '**/*.test.tsx'];

export default tseslint.config(
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      'models/trained/**',
      'bench/results/**',
      'eval/results/**',
      'data/**',
      '.tmp-*/**',
      'next-env.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      // tsc (noUnusedLocals) already reports these, with the same exceptions as the compiler.
      '@typescript-eslint/no-unused-vars': 'off',
      'no-unused-vars': 'off',
      // Types from tsc cover undefined names; this rule does not know TypeScript's globals.
      'no-undef': 'off',
      // Chat text is cleaned of control characters on purpose (importers, tokenizer, labels).
      'no-control-regex': 'off',
    },
  },
  {
    // Tests feed malformed documents on purpose; an `any` there says "not the declared shape".
    files: ['**/*.test.ts', '**/testing.ts', '**/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['contracts/**/*.ts'],
    rules: restrict([...MACHINE, ...upward('contracts/', ['models', 'server', 'app', 'bench', 'eval'])]),
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    rules: restrict([
      ...MACHINE,
      ...['models', 'server', 'bench', 'eval'].map((name) => ({
        group: [`**/${name}`, `**/${name}/**`],
        message: `The dashboard talks to the server over HTTP and socket.io: import the wire types from contracts/, not ${name}/.`,
      })),
    ]),
  },
  { files: ['models/**/*.ts'], ignores: TESTS, rules: restrict(upward('models/', ['server', 'app', 'bench', 'eval'])) },
  {
    files: [
      'models/topics/**/*.ts',
      'models/bow/**/*.ts',
      'models/tokenizer/**/*.ts',
      'models/errors/**/*.ts',
      'models/random/**/*.ts',
    ],
    ignores: [...TESTS, 'models/tokenizer/testing.ts', 'models/tokenizer/training/**'],
    rules: restrict([...MACHINE, ...RUNTIME_MODELS, ...upward('The pure core', ['server', 'app', 'bench', 'eval'])]),
  },
  { files: ['server/**/*.ts'], ignores: TESTS, rules: restrict(upward('server/', ['app', 'bench', 'eval'])) },
);
