// Kept apart from the form schema so the form component can read it without loading zod.
export const MAX_ATTACHMENTS = 8
