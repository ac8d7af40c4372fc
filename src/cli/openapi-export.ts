import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { canonicalDocumentText, exportPublicDocument } from '../core/swagger/openapi-export.js';

/**
 * node dist/src/cli/openapi-export.js [--out client/openapi.json]
 * The public OpenAPI document in its canonical form (sorted keys, nothing time- or machine-
 * dependent), built without a database. Prints it, or writes it to --out. `npm run client:generate`
 * runs it, then regenerates the typed client from the file.
 */
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const text = canonicalDocumentText(await exportPublicDocument());
if (values.out) writeFileSync(values.out, text);
else process.stdout.write(text);
