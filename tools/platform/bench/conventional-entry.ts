// The conventional cdktf path, reproduced for the benchmark only: `cdktf synth` runs an app's
// main.ts through ts-node (which type-checks), and the app imports the provider's barrel.
import * as aws from '@cdktf/provider-aws'; // eslint-disable-line no-restricted-imports

void aws;
const appMain = process.env.BENCH_APP_MAIN;
if (!appMain) throw new Error('BENCH_APP_MAIN must name the app entry point to run');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the app to run is chosen at run time
require(appMain);
