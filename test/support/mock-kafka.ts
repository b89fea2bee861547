import { spawn, type ChildProcess } from 'node:child_process';

export interface MockKafka {
  brokers: string;
  /** The kcat process hosting the cluster (for CPU accounting in benchmarks). */
  pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * librdkafka's mock cluster (embedded in Debian's kcat) speaks the real Kafka protocol on
 * loopback. kcat is started as a consumer of a throwaway topic just to keep it running.
 */
export function startMockKafka(brokerCount = 3): Promise<MockKafka> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn('kcat', ['-b', 'localhost:0', '-X', `test.mock.num.brokers=${brokerCount}`, '-C', '-t', 'pulse.test.keepalive', '-d', 'mock'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`mock Kafka cluster did not start: ${stderr.slice(-2000)}`));
    }, 15_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run kcat (apt-get install kcat): ${error.message}`));
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      if (stderr.length < 100_000) stderr += chunk.toString();
      const match = /bootstrap\.servers=([0-9.:,]+)/.exec(stderr);
      if (match && timer) {
        clearTimeout(timer);
        child.stderr!.removeAllListeners('data');
        child.stderr!.resume();
        resolve({
          brokers: match[1]!,
          pid: child.pid,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
  });
}
