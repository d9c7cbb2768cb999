/**
 * Page-store harness of the service tests: a real S3-compatible server on loopback (s3rver,
 * from npm: the S3 REST protocol over HTTP, objects on disk), page configurations for the
 * directory store and the S3 store, and a tus upload from Node with tus-js-client (the
 * workstation's own client).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import * as tus from 'tus-js-client';
import { DirectoryObjectStore, PageKey, type PagesConfig, S3ObjectStore } from '../../src/server/pages/storage';

export type StoreKind = 'directory' | 's3';
export const STORES: StoreKind[] = ['directory', 's3'];

export interface S3Server {
  endpoint: string;
  close(): Promise<void>;
}

/** s3rver on 127.0.0.1 (a free port), its objects in a temporary directory, bucket `pages`. */
export async function startS3(): Promise<S3Server> {
  const dir = mkdtempSync(join(tmpdir(), 'ow-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: 'pages' }] });
  const addr = (await server.run()) as { port: number };
  return {
    endpoint: `http://127.0.0.1:${addr.port}`,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestPages {
  config: PagesConfig;
  root: string;
  remove(): void;
}

export function pagesConfig(kind: StoreKind, s3: S3Server | null, limits: Partial<PagesConfig['limits']> = {}): TestPages {
  const root = mkdtempSync(join(tmpdir(), 'ow-pages-'));
  const objects =
    kind === 'directory'
      ? new DirectoryObjectStore(join(root, 'objects'))
      : new S3ObjectStore({
          endpoint: s3!.endpoint,
          bucket: 'pages',
          region: 'us-east-1',
          accessKeyId: 'S3RVER', // s3rver's fixed credentials: it checks the signature with them
          secretAccessKey: 'S3RVER',
          forcePathStyle: true,
          prefix: `${randomBytes(4).toString('hex')}/`,
        });
  return {
    root,
    config: { objects, stagingDir: join(root, 'uploads'), key: PageKey.random(), limits: { maxFileBytes: 20 * 1024 * 1024, maxCaseBytes: 200 * 1024 * 1024, ...limits } },
    remove: () => {
      if (objects instanceof S3ObjectStore) objects.destroy();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A page-shaped image: a JPEG's magic number, then random bytes. */
export function fakeJpeg(bytes: number): Buffer {
  const b = randomBytes(bytes);
  b[0] = 0xff;
  b[1] = 0xd8;
  b[2] = 0xff;
  return b;
}

export interface UploadOptions {
  chunkSize?: number;
  uploadUrl?: string;
  onChunk?: (u: tus.Upload, sent: number) => void;
  onProgress?: (u: tus.Upload, sent: number) => void;
  /** Default true: the bytes travel with the creating POST (one request per page). */
  withCreation?: boolean;
}

export class UploadFailed extends Error {
  constructor(
    readonly status: number | null,
    message: string,
  ) {
    super(message);
  }
}

/** Uploads with tus-js-client; resolves with the upload's URL, rejects with UploadFailed. */
export function tusUpload(baseUrl: string, token: string, bytes: Buffer, metadata: Record<string, string>, o: UploadOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const u: tus.Upload = new tus.Upload(bytes, {
      endpoint: `${baseUrl}/api/v1/pages/uploads/`,
      ...(o.uploadUrl ? { uploadUrl: o.uploadUrl } : {}),
      headers: { Authorization: `Bearer ${token}` },
      metadata,
      uploadSize: bytes.length,
      uploadDataDuringCreation: o.withCreation ?? true,
      ...(o.chunkSize ? { chunkSize: o.chunkSize } : {}),
      retryDelays: [],
      storeFingerprintForResuming: false,
      onChunkComplete: (_size, sent) => o.onChunk?.(u, sent),
      ...(o.onProgress ? { onProgress: (sent: number) => o.onProgress!(u, sent) } : {}),
      onError: (e) => {
        const res = (e as tus.DetailedError).originalResponse;
        reject(new UploadFailed(res ? res.getStatus() : null, e.message));
      },
      onSuccess: () => resolve(u.url!),
    });
    u.start();
  });
}
