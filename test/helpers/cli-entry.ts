// The CLI entry point for child-process tests, run from source through tsx.
import { main } from '../../pipeline/cli/main.js';

main(process.argv).then((code) => { process.exitCode = code; });
