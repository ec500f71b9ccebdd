// Preloaded into each benchmarked process: reports its peak resident set size on exit, so both
// synthesis paths are measured the same way without an external `time` binary.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const file = process.env.BENCH_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
});
