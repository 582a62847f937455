/**
 * The purge's worker thread. On an embedded database every query blocks the thread that runs it,
 * so the server runs the purge here, on its own connection: requests keep the main thread, and
 * SQLite's lock (held one short batch at a time) is all the two share. On a remote database it
 * keeps the purge's batches off the request thread too.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/database.js';
import { purgeDueOrgs } from './purge.js';
import type { PurgeWorkerData, PurgeWorkerRequest, PurgeWorkerResponse } from './worker-client.js';

const { database: options } = workerData as PurgeWorkerData;
const database = await openDatabase(options);

parentPort!.on('message', async (request: PurgeWorkerRequest) => {
  let response: PurgeWorkerResponse;
  try {
    const result = await purgeDueOrgs(database, {
      now: new Date(request.now),
      holder: request.holder,
      leaseMs: request.leaseMs,
      batchSize: request.batchSize,
      ...(request.hostTables ? { hostTables: request.hostTables } : {}),
      ...(request.webhookEvents ? { webhookEvents: true } : {}),
      ownConnection: true,
      onStarted: (started) => parentPort!.postMessage({ id: request.id, started } satisfies PurgeWorkerResponse),
    });
    response = { id: request.id, ok: true, result };
  } catch (error) {
    response = { id: request.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(response);
});
