import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where each connector resumes from; survives restarts. */
export interface CheckpointStore {
  load<C>(name: string): Promise<C | undefined>;
  save<C>(name: string, checkpoint: C): Promise<void>;
}

/** One JSON file per connector, replaced atomically (write + rename) so a crash never leaves half a file. */
export class FileCheckpointStore implements CheckpointStore {
  constructor(private readonly dir: string) {}

  async load<C>(name: string): Promise<C | undefined> {
    try {
      return JSON.parse(await readFile(this.path(name), 'utf8')) as C;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new Error(`checkpoint for ${name} is unreadable (${this.path(name)}): ${(error as Error).message}`, { cause: error });
    }
  }

  async save<C>(name: string, checkpoint: C): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const tmp = `${this.path(name)}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(checkpoint));
    await rename(tmp, this.path(name));
  }

  private path(name: string): string {
    return join(this.dir, `${name.replace(/[^a-zA-Z0-9._-]/g, '_')}.json`);
  }
}

export class MemoryCheckpointStore implements CheckpointStore {
  readonly saved = new Map<string, unknown>();
  async load<C>(name: string): Promise<C | undefined> {
    return this.saved.get(name) as C | undefined;
  }
  async save<C>(name: string, checkpoint: C): Promise<void> {
    this.saved.set(name, structuredClone(checkpoint));
  }
}
