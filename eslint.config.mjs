import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import layers, { enginePurity, injectedTime, protocolPurity } from './scripts/eslint/layers.mjs';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'dist.*/',
      'release/',
      'coverage/',
      '.tmp/',
      '**/*.d.ts',
      '**/*.d.mts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    plugins: { layers },
    rules: {
      'layers/boundaries': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['devices/*/protocol/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: protocolPurity,
  },
  {
    files: ['devices/core/**/*.ts', 'devices/*/*.ts', 'devices/*/simulator/**/*.ts'],
    // The system clock and the manual clock are where time comes from; transports are real I/O.
    ignores: [
      '**/*.test.ts',
      'devices/core/clock.ts',
      'devices/core/manual-clock.ts',
      'devices/transports/**',
    ],
    rules: injectedTime,
  },
  {
    files: ['domain/**/*.ts', 'main/flow/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: enginePurity,
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'backoffice/console/app/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // CLI entry points, benches and scripts print to the terminal by design.
    files: ['main/cli/**', 'bench/**', 'scripts/**', 'tests/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'tests/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only']", message: 'no .only in committed tests' },
        { selector: "CallExpression[callee.property.name='skip']", message: 'no .skip in committed tests' },
      ],
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
);
