// Preloaded (through NODE_OPTIONS) into every Node.js process of a benchmarked command, the
// processes it starts included: appends one line "<cpu microseconds> <peak RSS bytes>" to
// BENCH_USAGE_FILE on exit, so a command made of several processes (cdktf synth: the CLI, npx,
// tsx and the app) is measured the same way as one made of a single process.
const { appendFileSync } = require('node:fs');

process.on('exit', () => {
  const file = process.env.BENCH_USAGE_FILE;
  if (!file) return;
  const usage = process.resourceUsage();
  appendFileSync(file, `${usage.userCPUTime + usage.systemCPUTime} ${usage.maxRSS * 1024}\n`);
});
