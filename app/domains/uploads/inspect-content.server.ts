// What a file would become when opened, read from its headers without decoding it: an image's
// pixel count, an archive's inflated size. A few kilobytes that declare 50,000 × 50,000 pixels
// or entries inflating to gigabytes are refused before anyone (a thumbnailer, a browser, the
// reader of a data room) tries to open them.

/** Larger than any photo, licence scan or logo needs; a 12,000 × 8,000 scan is 96 MP. */
export const MAX_IMAGE_PIXELS = 100_000_000
export const MAX_IMAGE_SIDE = 20_000
/** An Office file or ZIP inflating past this is not a document anyone reads. */
const MAX_ARCHIVE_INFLATED_BYTES = 256 * 1024 * 1024
const MAX_ARCHIVE_ENTRIES = 10_000
/** Office XML compresses ten- to thirty-fold; a thousandfold entry is a bomb. */
const MAX_ENTRY_RATIO = 200

export type ContentProblem = 'imageTooLarge' | 'imageUnreadable' | 'archiveBomb'

const u16le = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8)
const u32le = (b: Uint8Array, at: number) => (u16le(b, at) | (u16le(b, at + 2) << 16)) >>> 0
const u16be = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0)
const u32be = (b: Uint8Array, at: number) => ((u16be(b, at) << 16) | u16be(b, at + 2)) >>> 0
const u24le = (b: Uint8Array, at: number) => u16le(b, at) | ((b[at + 2] ?? 0) << 16)

/** Width and height as the image's header declares them, or null when none can be read. */
function imageDimensions(
  bytes: Uint8Array,
  mime: string,
): { width: number; height: number } | null {
  if (mime === 'image/png') {
    // Signature, then IHDR first: length, "IHDR", width, height (big-endian).
    if (bytes.length < 24 || u32be(bytes, 12) !== 0x49484452) return null
    return { width: u32be(bytes, 16), height: u32be(bytes, 20) }
  }
  if (mime === 'image/jpeg') {
    let at = 2
    while (at + 9 < bytes.length) {
      if (bytes[at] !== 0xff) return null
      const marker = bytes[at + 1] ?? 0
      // Fill bytes and markers without a length.
      if (marker === 0xff) {
        at += 1
        continue
      }
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        at += 2
        continue
      }
      // Any start-of-frame (C0–CF but DHT C4, JPG C8, DAC CC) carries the dimensions.
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
        return { height: u16be(bytes, at + 5), width: u16be(bytes, at + 7) }
      at += 2 + u16be(bytes, at + 2)
    }
    return null
  }
  if (mime === 'image/webp') {
    const chunk = String.fromCharCode(...bytes.subarray(12, 16))
    if (chunk === 'VP8X') return { width: u24le(bytes, 24) + 1, height: u24le(bytes, 27) + 1 }
    if (chunk === 'VP8L') {
      const b = u32le(bytes, 21)
      return { width: (b & 0x3fff) + 1, height: ((b >>> 14) & 0x3fff) + 1 }
    }
    if (chunk === 'VP8 ')
      return { width: u16le(bytes, 26) & 0x3fff, height: u16le(bytes, 28) & 0x3fff }
    return null
  }
  return null
}

/**
 * An image whose declared size is over the limits, or whose size cannot be read at all. The
 * declared size also bounds a PNG's deflate stream: what inflates past width × height is not
 * a picture, and nothing here inflates it.
 */
function imageProblem(bytes: Uint8Array, mime: string): ContentProblem | null {
  const size = imageDimensions(bytes, mime)
  if (!size || size.width === 0 || size.height === 0) return 'imageUnreadable'
  if (size.width > MAX_IMAGE_SIDE || size.height > MAX_IMAGE_SIDE) return 'imageTooLarge'
  if (size.width * size.height > MAX_IMAGE_PIXELS) return 'imageTooLarge'
  return null
}

/**
 * A ZIP (and the Office files built on it) whose central directory declares too many entries,
 * too much inflated data, or an entry inflating far more than documents do. ZIP64 records,
 * which exist only for archives past 4 GiB or 65,535 entries, are refused outright.
 */
function archiveProblem(bytes: Uint8Array): ContentProblem | null {
  // The end-of-central-directory record: within the last 22 + 65,535 bytes (its comment).
  let end = -1
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32le(bytes, at) === 0x06054b50) {
      end = at
      break
    }
  }
  if (end < 0) return 'archiveBomb'
  const entries = u16le(bytes, end + 10)
  const directorySize = u32le(bytes, end + 12)
  const directoryAt = u32le(bytes, end + 16)
  if (entries === 0xffff || directoryAt === 0xffffffff || directorySize === 0xffffffff)
    return 'archiveBomb'
  if (entries > MAX_ARCHIVE_ENTRIES) return 'archiveBomb'
  if (directoryAt + directorySize > end) return 'archiveBomb'
  let inflated = 0
  let at = directoryAt
  for (let i = 0; i < entries; i++) {
    if (at + 46 > end || u32le(bytes, at) !== 0x02014b50) return 'archiveBomb'
    const compressed = u32le(bytes, at + 20)
    const size = u32le(bytes, at + 24)
    if (compressed === 0xffffffff || size === 0xffffffff) return 'archiveBomb'
    inflated += size
    if (inflated > MAX_ARCHIVE_INFLATED_BYTES) return 'archiveBomb'
    // Small entries may compress well (a run of spaces); only large ones are judged by ratio.
    if (size > 1024 * 1024 && size > Math.max(compressed, 1) * MAX_ENTRY_RATIO) return 'archiveBomb'
    at += 46 + u16le(bytes, at + 28) + u16le(bytes, at + 30) + u16le(bytes, at + 32)
  }
  return null
}

const archiveTypes = new Set([
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
])

/** What is wrong with the content of a file of the detected `mime`, if anything. */
export function contentProblem(bytes: Uint8Array, mime: string): ContentProblem | null {
  if (mime.startsWith('image/')) return imageProblem(bytes, mime)
  if (archiveTypes.has(mime)) return archiveProblem(bytes)
  return null
}
