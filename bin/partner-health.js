#!/usr/bin/env node
// Thin launcher: the CLI is compiled from pipeline/ into dist/ by `npm install` (prepare script).
import { main } from '../dist/pipeline/cli/main.js';
main(process.argv).then((code) => { process.exitCode = code; });
