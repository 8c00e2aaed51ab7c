// The window bench's baseline: a plain node script, no product code. Reads an NDJSON file in
// 8 MiB pieces, splits it into lines and JSON.parses each one: the least any reader of the
// export pays. Prints one JSON line: records, ms (from the script's start), peak RSS.
import { closeSync, openSync, readSync } from 'node:fs';

const started = performance.now();
const fd = openSync(process.argv[2], 'r');
const buf = Buffer.allocUnsafe(8 << 20);
let rest = '';
let records = 0;
for (let got; (got = readSync(fd, buf, 0, buf.length, null)) > 0;) {
  const lines = (rest + buf.toString('utf8', 0, got)).split('\n');
  rest = lines.pop();
  for (const line of lines)
    if (line.trim()) {
      JSON.parse(line);
      records++;
    }
}
if (rest.trim()) {
  JSON.parse(rest);
  records++;
}
closeSync(fd);
console.log(JSON.stringify({ records, ms: performance.now() - started, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
