/**
 * The purge's worker thread. On an embedded database every query blocks the thread that runs it,
 * so the server runs the purge here, on its own connection: requests keep the main thread, and
 * SQLite's lock (held one short batch at a time) is all the two share.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/client.js';
import { purgeDueOrgs } from './purge.js';
import type { PurgeWorkerData, PurgeWorkerRequest, PurgeWorkerResponse } from './purge-worker.js';

const { database: options } = workerData as PurgeWorkerData;
// One connection, the purge's own: its tuning pragmas apply to every statement it runs.
const database = openDatabase({ ...options, concurrency: 1 });

parentPort!.on('message', async (request: PurgeWorkerRequest) => {
  let response: PurgeWorkerResponse;
  try {
    const result = await purgeDueOrgs(database.db, {
      now: new Date(request.now),
      holder: request.holder,
      leaseMs: request.leaseMs,
      batchSize: request.batchSize,
      ownConnection: true,
    });
    response = { id: request.id, ok: true, result };
  } catch (error) {
    response = { id: request.id, ok: false, error: error instanceof Error ? error.stack ?? error.message : String(error) };
  }
  parentPort!.postMessage(response);
});
