/** The standalone server's entry (`npm start`, `npm run serve`): `org-danger-zone serve`. */
import { runCommand } from './cli.js';
import { serveCommand } from './commands/serve.js';

await runCommand(serveCommand);
