import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server as TlsServer, SecureContextOptions } from 'node:tls';
import type { INestApplication } from '@nestjs/common';
import type { Logger } from '../logging/logger.js';
import type { TlsEnv } from '../tls/tls.env.js';
import { loadTlsOptions, tlsFilesFromEnv, watchTlsFiles } from '../tls/tls-files.js';
import { answerClientErrorsWithEnvelope, hstsMiddleware, warnIfPlaintextExposed } from '../tls/transport-security.js';

export interface HttpTransport {
  /** True when the app serves HTTPS (and WSS on the same port). */
  readonly tls: boolean;
  /** Spread into `NestFactory.create(module, { ...transport.nestOptions, … })`. */
  readonly nestOptions: { httpsOptions?: SecureContextOptions };
  /**
   * Listens on PORT (and HOST when set) with what every Pulse app needs around it: HSTS
   * when TLS is on, certificate hot reload, Node's parser errors in the error envelope, and
   * a warning when plain HTTP is reachable from other machines. Call instead of `app.listen`.
   */
  listen(app: INestApplication, port: number): Promise<AddressInfo>;
}

/**
 * HTTP or HTTPS for a Nest app, from the TLS_* variables (see tlsEnvSchema). The
 * certificate pair is loaded and checked here, so a bad file stops start-up with its name.
 */
export function httpTransportFromEnv(env: TlsEnv, logger: Logger): HttpTransport {
  const files = tlsFilesFromEnv(env);
  const httpsOptions = files ? loadTlsOptions(files) : undefined;
  return {
    tls: files !== null,
    nestOptions: httpsOptions ? { httpsOptions } : {},
    async listen(app, port) {
      // Registered before listen() mounts the routes, so every response carries it.
      if (files) app.use(hstsMiddleware(env.HSTS_MAX_AGE_SECONDS));
      await (env.HOST === undefined ? app.listen(port) : app.listen(port, env.HOST));
      const server = app.getHttpServer() as TlsServer & HttpServer;
      answerClientErrorsWithEnvelope(server);
      if (files) {
        const stop = watchTlsFiles(server, files, env.TLS_RELOAD_INTERVAL_MS, logger);
        server.once('close', stop);
      }
      const address = server.address();
      warnIfPlaintextExposed(address, files !== null, logger);
      if (address === null || typeof address === 'string') throw new Error(`unexpected listen address ${String(address)}`);
      return address;
    },
  };
}
