import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Runs the project's real ESLint (as `npm run lint` does) on a snippet placed at `file`. */
function restrictedImports(code: string, file: string): number {
  const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', file, '--format', 'json'],
    { cwd: ROOT, input: code, encoding: 'utf8' });
  const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string | null }> }>;
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').length;
}

// Issue 2 check: libs/ is pure; importing Nest, TypeORM, HTTP frameworks, class-validator or the
// application from any file under libs/ must fail `npm run lint`.
describe('lint boundary of libs/scim-core', () => {
  const lint = async (code: string, file: string) => restrictedImports(code, file);

  it.each([
    "import '@nestjs/common';",
    "import { Injectable } from '@nestjs/common';",
    "import { DataSource } from 'typeorm';",
    "import express from 'express';",
    "import { IsString } from 'class-validator';",
  ])('rejects %s in libs/scim-core/src/filter/any.ts', async (code) => {
    expect(await lint(code, 'libs/scim-core/src/filter/any.ts')).toBe(1);
  });

  it('rejects importing the application from the library', async () => {
    expect(await lint("import { createApp } from '../../../../src/bootstrap/create-app';", 'libs/scim-core/src/filter/any.ts')).toBe(1);
  });

  it('allows the same imports in src/ and relative imports inside the library', async () => {
    expect(await lint("import { Injectable } from '@nestjs/common';", 'src/users/any.ts')).toBe(0);
    expect(await lint("import { URN } from '../messages/urns';", 'libs/scim-core/src/filter/any.ts')).toBe(0);
  });
});
