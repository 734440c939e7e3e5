// What may be uploaded for which purpose. Types are judged from the file's content; nothing
// that a browser would run (HTML, SVG, scripts) is ever accepted.
export const uploadPurposes = {
  'org-document': {
    maxBytes: 10 * 1024 * 1024,
    types: ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'],
  },
  image: { maxBytes: 5 * 1024 * 1024, types: ['image/jpeg', 'image/png', 'image/webp'] },
  attachment: {
    maxBytes: 25 * 1024 * 1024,
    types: ['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'application/zip'],
  },
  // An issued 发票 is an electronic invoice (电子发票): always a PDF.
  fapiao: { maxBytes: 10 * 1024 * 1024, types: ['application/pdf'] },
  // A test report (检测报告) as the lab signs and seals it.
  'test-report': { maxBytes: 20 * 1024 * 1024, types: ['application/pdf'] },
} as const
export type UploadPurpose = keyof typeof uploadPurposes

/** The largest part the multipart parser accepts at all. */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024
