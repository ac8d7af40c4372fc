import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';

const LOCATION = 'http:location';

/** Overrides the conventional Location of a created resource (`<request path>/<id>`). */
export const CreatedAt = (location: (created: { id: string }) => string) => SetMetadata(LOCATION, location);

/** Where a created resource lives: the route's @CreatedAt, else `<request path>/<id>`; undefined when nothing was created. */
export function locationOf(reflector: Reflector, execution: ExecutionContext, created: unknown): string | undefined {
  const http = execution.switchToHttp();
  const id = (created as { id?: unknown } | undefined)?.id;
  if (http.getResponse<Response>().statusCode !== 201 || typeof id !== 'string') return undefined;
  const custom = reflector.get<(created: { id: string }) => string>(LOCATION, execution.getHandler());
  return custom ? custom(created as { id: string }) : `${http.getRequest<Request>().path.replace(/\/$/, '')}/${id}`;
}

/** SPEC section 1: every 201 carries a `Location` header pointing at the new resource. */
@Injectable()
export class LocationInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.switchToHttp().getRequest<Request>().method !== 'POST') return next.handle();
    return next.handle().pipe(
      map((created: unknown) => {
        const location = locationOf(this.reflector, execution, created);
        if (location) execution.switchToHttp().getResponse<Response>().setHeader('Location', location);
        return created;
      }),
    );
  }
}
