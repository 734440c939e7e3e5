// Where upload bytes live: a folder under DATA_DIR (outside the web root) or, by
// configuration, an S3-compatible bucket. Keys are random; names never reach the path.
import fs from 'node:fs/promises'
import path from 'node:path'
import { dataDir, env } from '../../env.server.ts'

export interface Storage {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>
  get(key: string): Promise<Uint8Array | null>
  remove(key: string): Promise<void>
}

function localStorage(): Storage {
  const root = path.join(dataDir(), 'uploads')
  const file = (key: string) => {
    if (!/^[a-z0-9/-]+$/.test(key)) throw new Error('bad storage key')
    return path.join(root, key)
  }
  return {
    async put(key, bytes) {
      await fs.mkdir(path.dirname(file(key)), { recursive: true })
      await fs.writeFile(file(key), bytes, { mode: 0o600 })
    },
    async get(key) {
      try {
        return new Uint8Array(await fs.readFile(file(key)))
      } catch {
        return null
      }
    },
    async remove(key) {
      await fs.rm(file(key), { force: true })
    },
  }
}

async function s3Storage(): Promise<Storage> {
  const { S3Client, PutObjectCommand, GetObjectCommand, DeleteObjectCommand } =
    await import('@aws-sdk/client-s3')
  const e = env()
  const client = new S3Client({
    endpoint: e.S3_ENDPOINT,
    region: e.S3_REGION,
    forcePathStyle: true,
    credentials: {
      accessKeyId: e.S3_ACCESS_KEY_ID ?? '',
      secretAccessKey: e.S3_SECRET_ACCESS_KEY ?? '',
    },
  })
  const Bucket = e.S3_BUCKET ?? ''
  return {
    async put(key, bytes, contentType) {
      await client.send(
        new PutObjectCommand({ Bucket, Key: key, Body: bytes, ContentType: contentType }),
      )
    },
    async get(key) {
      try {
        const res = await client.send(new GetObjectCommand({ Bucket, Key: key }))
        return res.Body ? await res.Body.transformToByteArray() : null
      } catch {
        return null
      }
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }))
    },
  }
}

let storage: Promise<Storage> | undefined
export function getStorage(): Promise<Storage> {
  storage ??= env().UPLOAD_STORAGE === 's3' ? s3Storage() : Promise.resolve(localStorage())
  return storage
}
