import { rmSync } from 'node:fs';
import path from 'node:path';

/** A job's folders under the training directory, whichever store keeps its state: `work/` (the chain's checkpoints) and `out/` (the model before it moves into the registry). */
export class JobWorkDirs {
  constructor(readonly dir: string) {}

  jobDir(id: string): string {
    return path.join(this.dir, id);
  }

  workDir(id: string): string {
    return path.join(this.dir, id, 'work');
  }

  outDir(id: string): string {
    return path.join(this.dir, id, 'out');
  }

  removeWork(id: string): void {
    rmSync(this.workDir(id), { recursive: true, force: true });
    rmSync(this.outDir(id), { recursive: true, force: true });
  }
}
