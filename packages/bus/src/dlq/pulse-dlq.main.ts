import { runDlqCli } from './dlq.cli.js';

// The process edge of pulse-dlq: argv, environment and standard streams in, an exit code out.
runDlqCli(process.argv.slice(2), process.env, { stdout: (t) => void process.stdout.write(t), stderr: (t) => void process.stderr.write(t) }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`pulse-dlq: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
