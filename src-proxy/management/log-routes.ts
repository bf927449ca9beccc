import { createReadStream } from 'node:fs';
import { dirname } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isErrorLogName, isRequestId, LogsFolder, logsDirBeside } from '../logging/logs-folder';
import { formatCpaLogLine } from '../logging/format-cpa-log-line';
import { readMainLog } from '../logging/read-main-log';
import { registerRequestLogCapture } from '../logging/register-request-log-capture';
import { MANAGEMENT_PREFIX } from './create-management-guard';
import type { ManagementContext } from './management-context';

/**
 * The logs folder beside config.yaml as one feature: the request-log capture that writes request and
 * `error-*.log` files into it (docs/config.md#request-log-files), and CPA's routes that read it (docs/management-api.md#logs):
 *   GET    /logs?after=<unix s>&limit=<n>  -> {lines, line-count, latest-timestamp}; 400 unless logging-to-file
 *   DELETE /logs                           -> {success, message, removed}; 400 unless logging-to-file
 *   GET    /request-error-logs             -> {files:[{name, size, modified}]} newest first ([] while request-log is on)
 *   GET    /request-error-logs/:name       -> the file (name must be a plain error-*.log name)
 *   GET    /request-log-by-id/:id          -> the newest request or error log named *-<id>.log
 */
export function registerLogFiles(app: FastifyInstance, context: ManagementContext): void {
  const folder = new LogsFolder(logsDirBeside(dirname(context.configFile.path)));
  const config = () => context.getRuntime().config;
  registerRequestLogCapture(app, {
    folder,
    getRuntime: context.getRuntime,
    settings: () => ({ requestLog: config().requestLog, errorLogsMaxFiles: config().errorLogsMaxFiles }),
    logger: context.logger,
  });
  // A request's log is written once its connection closes: a stopping server waits for those writes.
  app.addHook('onClose', async () => {
    await folder.settled();
  });

  app.get<{ Querystring: { after?: string; limit?: string } }>(`${MANAGEMENT_PREFIX}/logs`, async (request, reply) => {
    if (!config().loggingToFile) return reply.code(400).send({ error: 'logging to file disabled' });
    const after = optionalCount(request.query.after);
    const limit = optionalCount(request.query.limit);
    if (after === null) return reply.code(400).send({ error: 'invalid after parameter' });
    if (limit === null) return reply.code(400).send({ error: 'invalid limit parameter' });
    const page = await readMainLog(folder, { after, limit });
    return reply.header('cache-control', 'no-store').send({ ...page, lines: page.lines.map(formatCpaLogLine) });
  });
  app.delete(`${MANAGEMENT_PREFIX}/logs`, async (_request, reply) => {
    if (!config().loggingToFile) return reply.code(400).send({ error: 'logging to file disabled' });
    const removed = await folder.clearMainLogs();
    return reply.send({ success: true, message: 'Logs cleared successfully', removed });
  });
  // Error logs still being written when the request arrived are waited for: a client that just got a
  // failed reply finds its log (the folder queues writes; see LogsFolder.writeErrorLog).
  app.get(`${MANAGEMENT_PREFIX}/request-error-logs`, async (_request, reply) => {
    await folder.settled();
    return reply.header('cache-control', 'no-store').send({ files: config().requestLog ? [] : await folder.errorLogs() });
  });
  app.get<{ Params: { name: string } }>(`${MANAGEMENT_PREFIX}/request-error-logs/:name`, async (request, reply) => {
    const { name } = request.params;
    if (!isErrorLogName(name)) return reply.code(400).send({ error: 'invalid log file name' });
    await folder.settled();
    const exists = (await folder.errorLogs()).some((entry) => entry.name === name);
    return exists ? sendLogFile(reply, folder, name) : reply.code(404).send({ error: 'log file not found' });
  });
  app.get<{ Params: { id: string } }>(`${MANAGEMENT_PREFIX}/request-log-by-id/:id`, async (request, reply) => {
    const { id } = request.params;
    if (!isRequestId(id)) return reply.code(400).send({ error: 'invalid request id' });
    await folder.settled();
    const name = await folder.findRequestLog(id);
    return name ? sendLogFile(reply, folder, name) : reply.code(404).send({ error: 'request log not found' });
  });
}

/** Absent -> undefined; a non-negative integer -> it; anything else -> null (a 400). */
function optionalCount(text: string | undefined): number | undefined | null {
  if (text === undefined || text === '') return undefined;
  return /^\d{1,15}$/.test(text) ? Number(text) : null;
}

function sendLogFile(reply: FastifyReply, folder: LogsFolder, name: string): FastifyReply {
  return reply
    .header('content-type', 'text/plain; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(createReadStream(folder.path(name)));
}
