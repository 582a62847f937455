/**
 * `org-danger-zone openapi [--prefix /dz]`: prints the OpenAPI 3.1 document, its server URL the
 * prefix the host mounts the app under (for a client generator or a gateway). The package ships
 * the same document for the root as `org-danger-zone/openapi.json`.
 */
import { openApiDocument } from '../../shared/openapi.js';

export function openApiCommand(options: { prefix?: string | undefined }): void {
  const document = openApiDocument({ serverUrl: options.prefix ?? '/' });
  // Indented for a person at a terminal; one line into a file or a pipe (the package's copy).
  console.log(process.stdout.isTTY ? JSON.stringify(document, null, 2) : JSON.stringify(document));
}
