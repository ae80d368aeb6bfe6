// ESLint flat config. The rule that matters most: libs/ is pure SCIM semantics and may not import
// Nest, TypeORM, Express, class-validator or anything from src/ (see docs/architecture.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-restricted-syntax': ['error', { selector: 'CallExpression[callee.property.name="only"][callee.object.name=/^(describe|it|test)$/]', message: 'Do not commit .only' }],
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@nestjs/*', '@nestjs'], message: 'libs/ is pure: no NestJS imports.' },
          { group: ['typeorm', 'typeorm/*'], message: 'libs/ is pure: no TypeORM imports.' },
          { group: ['express', 'express/*', 'fastify', 'fastify/*'], message: 'libs/ is pure: no HTTP framework imports.' },
          { group: ['class-validator', 'class-transformer'], message: 'libs/ is pure: validation lives in the schema engine.' },
          // The application lives in <root>/src, three or more levels above any file in libs/scim-core.
          { regex: '^(\\.\\./){3,}src(/|$)', message: 'libs/ may not import the application (src/).' },
          { group: ['/src', '/src/*'], message: 'libs/ may not import the application (src/).' },
        ],
      }],
    },
  },
);
