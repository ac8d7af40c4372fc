import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';

const LOCATION = 'http:location';

/** Overrides the conventional Location of a created resource (`<request path>/<id>`). */
export const CreatedAt = (location: (created: { id: string }) => string) => SetMetadata(LOCATION, location);

/** SPEC section 1: every 201 carries a `Location` header pointing at the new resource. */
@Injectable()
export class LocationInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = execution.switchToHttp();
    const request = http.getRequest<Request>();
    if (request.method !== 'POST') return next.handle();
    const custom = this.reflector.get<(created: { id: string }) => string>(LOCATION, execution.getHandler());
    return next.handle().pipe(
      map((created: unknown) => {
        const response = http.getResponse<Response>();
        const id = (created as { id?: unknown } | undefined)?.id;
        if (response.statusCode === 201 && typeof id === 'string') {
          response.setHeader('Location', custom ? custom(created as { id: string }) : `${request.path.replace(/\/$/, '')}/${id}`);
        }
        return created;
      }),
    );
  }
}
