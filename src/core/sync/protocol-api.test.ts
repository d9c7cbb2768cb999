import { describe, expect, it } from 'vitest';
import { ApiError, CatalogVersionsQuery, HealthResponse, MeResponse, QueueQuery, StatusEventsQuery, WorkerName } from './protocol';

describe('query schemas coerce and bound what comes in a URL', () => {
  it('status events: after defaults to 0, limit to 100, at most 500', () => {
    expect(StatusEventsQuery.parse({})).toEqual({ after: 0, limit: 100 });
    expect(StatusEventsQuery.parse({ after: '42', limit: '500' })).toEqual({ after: 42, limit: 500 });
    expect(StatusEventsQuery.safeParse({ limit: '501' }).success).toBe(false);
    expect(StatusEventsQuery.safeParse({ after: '-1' }).success).toBe(false);
    expect(StatusEventsQuery.safeParse({ after: 'abc' }).success).toBe(false);
  });

  it('queue: a known state or none; paging bounded', () => {
    expect(QueueQuery.parse({})).toEqual({ after: 0, limit: 50 });
    expect(QueueQuery.parse({ state: 'claimed', limit: '200' })).toMatchObject({ state: 'claimed', limit: 200 });
    expect(QueueQuery.safeParse({ state: 'done' }).success).toBe(false);
    expect(QueueQuery.safeParse({ limit: '201' }).success).toBe(false);
  });

  it('catalog versions: after is a catalog version', () => {
    expect(CatalogVersionsQuery.parse({ after: '2026.11.1' })).toEqual({ after: '2026.11.1' });
    expect(CatalogVersionsQuery.safeParse({ after: 'latest' }).success).toBe(false);
  });
});

describe('answers', () => {
  it('errors carry a code, a message and optional paths', () => {
    expect(ApiError.safeParse({ error: { code: 'invalidBody', message: 'x', paths: ['comment'] } }).success).toBe(true);
    expect(ApiError.safeParse({ error: { message: 'x' } }).success).toBe(false);
  });

  it('me and health', () => {
    expect(MeResponse.parse({ kind: 'department', id: 'SCJG', name: '市场监督管理局' }).kind).toBe('department');
    expect(MeResponse.safeParse({ kind: 'workstation', id: '330106-7K' }).success).toBe(false);
    expect(HealthResponse.safeParse({ ok: true, db: 'pglite', migration: 1 }).success).toBe(true);
  });

  it('a worker name is 1–64 characters', () => {
    expect(WorkerName.parse(' 王敏 ')).toBe('王敏');
    expect(WorkerName.safeParse('').success).toBe(false);
    expect(WorkerName.safeParse('x'.repeat(65)).success).toBe(false);
  });
});
