// Every table of the product, one file per domain.
export * from './accounts.ts'
export * from './uploads.ts'
export * from './orgs.ts'
export * from './spaces.ts'
export * from './search.ts'
export * from './notifications.ts'
export * from './timers.ts'
export * from './payments.ts'
