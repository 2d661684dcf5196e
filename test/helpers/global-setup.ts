// Vitest globalSetup: one directory per `vitest run` where fixtures shared by test files are built once
// (see shared.ts). Made before the workers start, so they inherit its path; removed when the run ends, so a
// later run never sees outputs of older code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHARED_ENV } from './shared.js';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'ph-shared-'));
  process.env[SHARED_ENV] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
