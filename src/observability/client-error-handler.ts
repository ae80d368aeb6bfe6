import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { ScimError } from '@app/scim-core';

function statusOf(err: { code?: string }): [number, string] {
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return [408, 'The request was not received in time'];
  if (err.code === 'HPE_HEADER_OVERFLOW') return [431, 'Request headers are too large'];
  return [400, 'Malformed HTTP request'];
}

/**
 * Node answers slow clients (headers or body past their deadline), oversized headers and
 * malformed requests at the socket, below Fastify's routing; this gives those answers a SCIM
 * Error body like every other error (RFC 7644 §3.12), then closes the connection.
 */
export function scimClientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  // The peer is gone: nothing to tell it.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] = statusOf(err);
  const body = JSON.stringify(new ScimError(status, detail).toBody());
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/scim+json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
