// Lint: typescript-eslint's recommended rules plus the project's safety rules (design §3.4:
// server text is data — no eval, no Function constructor, no HTML injection sinks).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/out/**', 'demo-out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Server text is data: build nodes, never HTML.' },
        { property: 'outerHTML', message: 'Server text is data: build nodes, never HTML.' },
        { property: 'insertAdjacentHTML', message: 'Server text is data: build nodes, never HTML.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Server text is data: never render it as HTML.' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-empty-pattern': 'off',
      // A timer handle declared first and assigned once, but read by a closure defined in between.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
);
