import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { CollectorError, httpStatusFor } from './collector.errors.js';

@Catch(CollectorError)
export class CollectorErrorFilter implements ExceptionFilter {
  catch(error: CollectorError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    res.status(httpStatusFor(error.code)).json({ error: { code: error.code, message: error.message } });
  }
}
