#!/usr/bin/env node
import { main } from './cli/main.js';

/** The conventional exit status of a process ended by a signal: 128 + its number. */
const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

// The first SIGINT or SIGTERM asks the command to stop (a test run writes its partial reports); a second
// one, of either kind, ends the process at once.
let signalled = false;
const stopSignal = new Promise<string>((resolve) => {
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(SIGNAL_EXIT[signal]);
    signalled = true;
    resolve(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
});

const exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  stopSignal,
  isTTY: process.stdout.isTTY === true,
});
// No process.exit(): it could cut off output still being written to a pipe.
process.exitCode = exitCode;
