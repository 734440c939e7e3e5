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
  // A campaign's pitch deck, shown with its teaser.
  'pitch-deck': { maxBytes: 20 * 1024 * 1024, types: ['application/pdf'] },
  // A campaign's data room: shown only to qualified investors who accepted its NDA, through the
  // campaign's own document route (which logs every download), never through /uploads.
  'campaign-data-room': {
    maxBytes: 25 * 1024 * 1024,
    types: [
      'application/pdf',
      'image/jpeg',
      'image/png',
      'image/webp',
      'application/zip',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      // Older .doc / .xls / .ppt files (OLE compound files).
      'application/x-cfb',
    ],
  },
  // A funded campaign's signed investment agreement and registration change (工商变更登记):
  // for the startup's people and the admins who verify campaigns.
  'campaign-closing': {
    maxBytes: 20 * 1024 * 1024,
    types: ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'],
  },
  // A startup's logo on its public profile page.
  'startup-logo': { maxBytes: 2 * 1024 * 1024, types: ['image/jpeg', 'image/png', 'image/webp'] },
  // 合格投资者 evidence: checked against this rule, then encrypted and stored outside the uploads
  // table (investor_evidence_files), so no upload row or /uploads URL ever points at it.
  'investor-evidence': {
    maxBytes: 10 * 1024 * 1024,
    types: ['application/pdf', 'image/jpeg', 'image/png'],
  },
} as const
export type UploadPurpose = keyof typeof uploadPurposes

/** The largest part the multipart parser accepts at all. */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024

/**
 * The largest request body a form may have, files and fields together: the forms that take
 * several files (a challenge's attachments) stay below it in practice, and a body far over any
 * purpose's limit is cut off here instead of being held in memory.
 */
export const MAX_FORM_BYTES = 64 * 1024 * 1024
