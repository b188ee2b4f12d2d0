// The terminal entry (`npx deploy-action`): runs the CLI and exits with its code.
import { main } from './cli.js';

process.exitCode = await main(process.argv.slice(2));
