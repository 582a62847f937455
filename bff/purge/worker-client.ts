/** Runs `purgeDueOrgs` in a worker thread (see worker-thread.ts for why) and awaits its answers. */
import { Worker } from 'node:worker_threads';
import type { DatabaseOptions } from '../db/database.js';
import type { HostTable, PurgeResult, PurgeStarted } from './purge.js';

export interface PurgeWorkerData {
  /** The worker's module, for worker-boot.mjs when it runs from TypeScript sources. */
  entry?: string;
  database: DatabaseOptions;
}

export interface PurgeWorkerRequest {
  id: number;
  now: string;
  holder: string;
  leaseMs?: number;
  batchSize?: number;
  hostTables?: HostTable[];
  webhookEvents?: boolean;
}

export type PurgeWorkerResponse =
  { id: number; ok: true; result: PurgeResult } | { id: number; ok: false; error: string } | { id: number; started: PurgeStarted };

export class PurgeWorker {
  #worker: Worker;
  #next = 0;
  #pending = new Map<number, { resolve: (r: PurgeResult) => void; reject: (e: Error) => void; onStarted?: ((s: PurgeStarted) => void) | undefined }>();

  constructor(database: DatabaseOptions) {
    // Compiled (the package), the worker is plain JavaScript; from the TypeScript sources (this
    // repository), a worker thread does not inherit tsx's loader, so worker-boot.mjs registers it.
    const compiled = import.meta.url.endsWith('.js');
    this.#worker = compiled
      ? new Worker(new URL('./worker-thread.js', import.meta.url), { workerData: { database } satisfies PurgeWorkerData })
      : new Worker(new URL('./worker-boot.mjs', import.meta.url), {
          workerData: { database, entry: new URL('./worker-thread.ts', import.meta.url).href } satisfies PurgeWorkerData,
        });
    this.#worker.unref();
    this.#worker.on('message', (response: PurgeWorkerResponse) => {
      const pending = this.#pending.get(response.id);
      if ('started' in response) return pending?.onStarted?.(response.started);
      this.#pending.delete(response.id);
      if (response.ok) pending?.resolve(response.result);
      else pending?.reject(new Error(`purge failed in its worker: ${response.error}`));
    });
    this.#worker.on('error', (error) => this.#failAll(error));
    this.#worker.on('exit', (code) => this.#failAll(new Error(`purge worker exited with code ${code}`)));
  }

  run(request: Omit<PurgeWorkerRequest, 'id'>, onStarted?: (started: PurgeStarted) => void): Promise<PurgeResult> {
    const id = ++this.#next;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onStarted });
      this.#worker.postMessage({ ...request, id } satisfies PurgeWorkerRequest);
    });
  }

  async close(): Promise<void> {
    await this.#worker.terminate();
  }

  #failAll(error: Error) {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}
