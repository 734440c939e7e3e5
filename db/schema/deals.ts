// Deals: startup and investor profiles, qualified-investor verification with its encrypted
// evidence and access log, crowdfunding campaigns (versions, NDA acceptances, data room and its
// access log, Q&A, updates), commitments, the holdings recorded when a campaign completes, and
// intros between investors and startups.
import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import {
  campaignMachine,
  commitmentMachine,
  introMachine,
  investorVerificationMachine,
} from '../../app/domains/deals/deal.machine.ts'
import {
  commitmentMethods,
  companyForms,
  introSides,
  investorKinds,
  profileVisibilities,
  qualificationBases,
  securityTypes,
  startupStages,
  vehicles,
} from '../../app/domains/deals/deals.schema.ts'
import { statusCheck } from '../../app/domains/lifecycle/machine.ts'
import { users } from './accounts.ts'
import { messageThreads } from './notifications.ts'
import { organisations } from './orgs.ts'
import { payments } from './payments.ts'
import { uploads } from './uploads.ts'

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })
const fen = (name: string) => bigint(name, { mode: 'number' })
const texts = (name: string) =>
  text(name)
    .array()
    .notNull()
    .default(sql`'{}'::text[]`)

export type TeamMember = { name: string; role: string; bio: string }
export type TractionFigure = { label: string; value: string }
export type PortfolioEntry = { name: string; year: number | null; note: string }

/** A startup organisation's fundraising profile: one row per startup, keyed by the org. */
export const startupProfiles = pgTable(
  'startup_profiles',
  {
    orgId: uuid('org_id')
      .primaryKey()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    oneLiner: text('one_liner').notNull(),
    stage: text('stage', { enum: startupStages }).notNull(),
    foundedOn: date('founded_on', { mode: 'string' }),
    team: jsonb('team').$type<TeamMember[]>().notNull().default([]),
    traction: jsonb('traction').$type<TractionFigure[]>().notNull().default([]),
    logoUploadId: uuid('logo_upload_id').references(() => uploads.id),
    /** What the startup is raising now, for investors' fit (a live campaign's terms win). */
    seekingFen: fen('seeking_fen'),
    minTicketFen: fen('min_ticket_fen'),
    companyForm: text('company_form', { enum: companyForms }).notNull().default('llc'),
    /** Holders of the company today (shareholders, partners of its vehicles counted as one). */
    existingHolders: integer('existing_holders').notNull().default(1),
    /** Last time its people did anything in deals: the fit ranking's tie-break. */
    lastActiveAt: ts('last_active_at').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  () => [
    check('startup_profiles_stage_check', statusCheck('stage', startupStages)),
    check('startup_profiles_form_check', statusCheck('company_form', companyForms)),
    check('startup_profiles_holders_check', sql`existing_holders >= 0`),
    check(
      'startup_profiles_ticket_check',
      sql`min_ticket_fen is null or seeking_fen is null or (min_ticket_fen > 0 and seeking_fen >= min_ticket_fen)`,
    ),
  ],
)

/** An investor: a person investing for themselves, or an investment firm (机构). */
export const investorProfiles = pgTable(
  'investor_profiles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: investorKinds }).notNull(),
    /** The person (individual), or the firm's organisation (institution). */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id').references(() => organisations.id, { onDelete: 'cascade' }),
    displayName: text('display_name').notNull(),
    bio: text('bio').notNull().default(''),
    thesisSegments: texts('thesis_segments'),
    thesisStages: texts('thesis_stages'),
    ticketMinFen: fen('ticket_min_fen').notNull(),
    ticketMaxFen: fen('ticket_max_fen').notNull(),
    /** Cities or provinces the investor invests in; empty: anywhere. */
    regions: texts('regions'),
    portfolio: jsonb('portfolio').$type<PortfolioEntry[]>().notNull().default([]),
    visibility: text('visibility', { enum: profileVisibilities }).notNull().default('public'),
    /** The investor's own declared limit for a calendar year; null: none declared. */
    annualLimitFen: fen('annual_limit_fen'),
    /** Shown to the other side only once an intro is accepted. */
    contactEmail: text('contact_email').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    lastActiveAt: ts('last_active_at').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('investor_profiles_user_key')
      .on(t.userId)
      .where(sql`kind = 'individual'`),
    uniqueIndex('investor_profiles_org_key')
      .on(t.orgId)
      .where(sql`kind = 'institution'`),
    check('investor_profiles_kind_check', statusCheck('kind', investorKinds)),
    check('investor_profiles_visibility_check', statusCheck('visibility', profileVisibilities)),
    check(
      'investor_profiles_owner_check',
      sql`(kind = 'individual' and user_id is not null and org_id is null) or (kind = 'institution' and org_id is not null)`,
    ),
    check(
      'investor_profiles_ticket_check',
      sql`ticket_min_fen > 0 and ticket_max_fen >= ticket_min_fen`,
    ),
    check('investor_profiles_limit_check', sql`annual_limit_fen is null or annual_limit_fen > 0`),
  ],
)

/** One application for 合格投资者 status, and the verifier's decision on it. */
export const investorVerifications = pgTable(
  'investor_verifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    investorProfileId: uuid('investor_profile_id')
      .notNull()
      .references(() => investorProfiles.id, { onDelete: 'cascade' }),
    applicantUserId: uuid('applicant_user_id')
      .notNull()
      .references(() => users.id),
    basis: text('basis', { enum: qualificationBases }).notNull(),
    /** The amount the investor declares on that basis (assets, income or net assets). */
    declaredFen: fen('declared_fen').notNull(),
    /** The declaration text's version the investor signed, and the separate PIPL consent. */
    declarationVersion: text('declaration_version').notNull(),
    sensitiveConsentAt: ts('sensitive_consent_at').notNull(),
    status: text('status', { enum: investorVerificationMachine.states })
      .notNull()
      .default('submitted'),
    decidedByUserId: uuid('decided_by_user_id').references(() => users.id),
    decidedAt: ts('decided_at'),
    reason: text('reason'),
    expiresAt: ts('expires_at'),
    /** When the evidence files were deleted (30 days after the decision); the decision stays. */
    evidencePurgedAt: ts('evidence_purged_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('investor_verifications_profile_idx').on(t.investorProfileId, t.createdAt),
    index('investor_verifications_status_idx').on(t.status),
    // One application waiting at a time.
    uniqueIndex('investor_verifications_open_key')
      .on(t.investorProfileId)
      .where(sql`status = 'submitted'`),
    check(
      'investor_verifications_status_check',
      statusCheck('status', investorVerificationMachine.states),
    ),
    check('investor_verifications_basis_check', statusCheck('basis', qualificationBases)),
    check(
      'investor_verifications_decision_check',
      sql`status = 'submitted' or decided_at is not null`,
    ),
    check(
      'investor_verifications_reason_check',
      sql`status <> 'rejected' or coalesce(reason, '') <> ''`,
    ),
  ],
)

export const investorVerificationEvents = pgTable(
  'investor_verification_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    verificationId: uuid('verification_id')
      .notNull()
      .references(() => investorVerifications.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorUserId: uuid('actor_user_id'),
    note: text('note'),
    at: ts('at').notNull(),
  },
  (t) => [index('investor_verification_events_idx').on(t.verificationId)],
)

/**
 * Evidence files (PIPL sensitive personal information): encrypted with AES-256-GCM under a key
 * from the environment before they reach storage, outside the uploads table so no general
 * file route can serve them.
 */
export const investorEvidenceFiles = pgTable(
  'investor_evidence_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    verificationId: uuid('verification_id')
      .notNull()
      .references(() => investorVerifications.id, { onDelete: 'cascade' }),
    storageKey: text('storage_key').notNull(),
    /** Which key encrypted it (a fingerprint), so a rotated key can be told apart. */
    keyId: text('key_id').notNull(),
    iv: text('iv').notNull(),
    authTag: text('auth_tag').notNull(),
    mime: text('mime').notNull(),
    ext: text('ext').notNull(),
    originalName: text('original_name').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** Of the plain bytes, to check a decryption. */
    sha256: text('sha256').notNull(),
    createdAt: ts('created_at').notNull(),
    purgedAt: ts('purged_at'),
  },
  (t) => [index('investor_evidence_files_verification_idx').on(t.verificationId)],
)

/** Every look at evidence: who, what, when, from where. Kept after the files are gone. */
export const evidenceAccessLog = pgTable(
  'evidence_access_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    verificationId: uuid('verification_id')
      .notNull()
      .references(() => investorVerifications.id, { onDelete: 'cascade' }),
    fileId: uuid('file_id').references(() => investorEvidenceFiles.id, { onDelete: 'set null' }),
    actorUserId: uuid('actor_user_id'),
    /** view (listed the files), download, purge. */
    action: text('action').notNull(),
    ip: text('ip'),
    at: ts('at').notNull(),
  },
  (t) => [index('evidence_access_log_verification_idx').on(t.verificationId, t.at)],
)

export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    status: text('status', { enum: campaignMachine.states }).notNull().default('draft'),
    /** Bumped by each material change after publishing; campaign_versions keeps each. */
    version: integer('version').notNull().default(1),
    title: text('title').notNull(),
    oneLiner: text('one_liner').notNull(),
    targetFen: fen('target_fen').notNull(),
    /** The overfunding cap: commitments never total more. */
    maxFen: fen('max_fen').notNull(),
    minTicketFen: fen('min_ticket_fen').notNull(),
    /** The smallest raise the startup declared at launch it would accept. */
    minimumAcceptFen: fen('minimum_accept_fen').notNull(),
    preMoneyFen: fen('pre_money_fen').notNull(),
    securityType: text('security_type', { enum: securityTypes }).notNull(),
    companyForm: text('company_form', { enum: companyForms }).notNull(),
    vehicle: text('vehicle', { enum: vehicles }).notNull().default('direct'),
    existingHolders: integer('existing_holders').notNull(),
    deadline: ts('deadline').notNull(),
    useOfFunds: text('use_of_funds').notNull(),
    riskDisclosure: text('risk_disclosure').notNull(),
    /** The data room's terms of confidentiality; accepting them is recorded per version. */
    ndaBody: text('nda_body').notNull(),
    details: text('details').notNull().default(''),
    /** Shown with the teaser. */
    pitchDeckUploadId: uuid('pitch_deck_upload_id').references(() => uploads.id),
    segments: texts('segments'),
    publishedAt: ts('published_at'),
    /** When collection ends (deadline + 7 days) and, if short, when the startup must decide. */
    collectionEndsAt: ts('collection_ends_at'),
    decisionDeadline: ts('decision_deadline'),
    /** What was collected at the end of collection: the raise, once funded. */
    raisedFen: fen('raised_fen'),
    agreementUploadId: uuid('agreement_upload_id').references(() => uploads.id),
    registrationUploadId: uuid('registration_upload_id').references(() => uploads.id),
    documentsRejectionReason: text('documents_rejection_reason'),
    closedReason: text('closed_reason'),
    completedAt: ts('completed_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('campaigns_slug_key').on(t.slug),
    index('campaigns_org_idx').on(t.orgId),
    index('campaigns_status_idx').on(t.status, t.deadline),
    check('campaigns_status_check', statusCheck('status', campaignMachine.states)),
    check('campaigns_security_check', statusCheck('security_type', securityTypes)),
    check('campaigns_form_check', statusCheck('company_form', companyForms)),
    check('campaigns_vehicle_check', statusCheck('vehicle', vehicles)),
    check(
      'campaigns_amounts_check',
      sql`target_fen > 0 and max_fen >= target_fen and min_ticket_fen > 0 and min_ticket_fen <= target_fen and minimum_accept_fen > 0 and minimum_accept_fen <= target_fen and pre_money_fen > 0`,
    ),
    check('campaigns_holders_check', sql`existing_holders >= 0`),
    check('campaigns_risk_check', sql`length(trim(risk_disclosure)) > 0`),
  ],
)

/** Each published version of the terms, so a material change is traceable. */
export const campaignVersions = pgTable(
  'campaign_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** The terms as they were: target, cap, minimum ticket, valuation, security, deadline… */
    terms: jsonb('terms').$type<Record<string, unknown>>().notNull(),
    /** What changed and why, as the startup wrote it; empty for the first version. */
    changeNote: text('change_note').notNull().default(''),
    material: boolean('material').notNull().default(false),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('campaign_versions_key').on(t.campaignId, t.version)],
)

export const campaignEvents = pgTable(
  'campaign_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorUserId: uuid('actor_user_id'),
    note: text('note'),
    at: ts('at').notNull(),
  },
  (t) => [index('campaign_events_campaign_idx').on(t.campaignId)],
)

/** Who accepted the campaign's confidentiality terms (its NDA), for which version, and when. */
export const campaignNdaAcceptances = pgTable(
  'campaign_nda_acceptances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    ip: text('ip'),
    acceptedAt: ts('accepted_at').notNull(),
  },
  (t) => [uniqueIndex('campaign_nda_acceptances_key').on(t.campaignId, t.userId, t.version)],
)

/** The data room: documents shown only to verified investors who accepted the NDA. */
export const campaignDocuments = pgTable(
  'campaign_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    uploadId: uuid('upload_id')
      .notNull()
      .references(() => uploads.id),
    title: text('title').notNull(),
    addedByUserId: uuid('added_by_user_id').references(() => users.id),
    createdAt: ts('created_at').notNull(),
    removedAt: ts('removed_at'),
  },
  (t) => [index('campaign_documents_campaign_idx').on(t.campaignId)],
)

/** Every view of the terms and data room and every download, for the startup to see. */
export const dataRoomAccessLog = pgTable(
  'data_room_access_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    documentId: uuid('document_id').references(() => campaignDocuments.id, {
      onDelete: 'set null',
    }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** view (the terms and data room), download (a document). */
    action: text('action').notNull(),
    ip: text('ip'),
    at: ts('at').notNull(),
  },
  (t) => [index('data_room_access_log_campaign_idx').on(t.campaignId, t.at)],
)

export const campaignQuestions = pgTable(
  'campaign_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    askedByUserId: uuid('asked_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    question: text('question').notNull(),
    answer: text('answer'),
    answeredByUserId: uuid('answered_by_user_id').references(() => users.id),
    answeredAt: ts('answered_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('campaign_questions_campaign_idx').on(t.campaignId, t.createdAt)],
)

/** Updates from the startup: every investor in the campaign is told. */
export const campaignUpdates = pgTable(
  'campaign_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('campaign_updates_campaign_idx').on(t.campaignId, t.createdAt)],
)

export const commitments = pgTable(
  'commitments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    investorProfileId: uuid('investor_profile_id')
      .notNull()
      .references(() => investorProfiles.id),
    /** The person who committed (for a firm, one of its people). */
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    amountFen: fen('amount_fen').notNull(),
    method: text('method', { enum: commitmentMethods }).notNull(),
    paymentId: uuid('payment_id').references(() => payments.id),
    status: text('status', { enum: commitmentMachine.states }).notNull().default('pending'),
    /** The campaign version whose terms the investor agreed to. */
    termsVersion: integer('terms_version').notNull(),
    reconfirmBy: ts('reconfirm_by'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('commitments_campaign_idx').on(t.campaignId, t.status),
    index('commitments_investor_idx').on(t.investorProfileId, t.createdAt),
    // One live commitment per investor per campaign: raising it is a new commitment after cancelling.
    uniqueIndex('commitments_live_key')
      .on(t.campaignId, t.investorProfileId)
      .where(
        sql`status in ('pending', 'committed', 'reconfirm_required', 'collected', 'completed')`,
      ),
    check('commitments_status_check', statusCheck('status', commitmentMachine.states)),
    check('commitments_method_check', statusCheck('method', commitmentMethods)),
    check('commitments_amount_check', sql`amount_fen > 0`),
  ],
)

export const commitmentEvents = pgTable(
  'commitment_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    commitmentId: uuid('commitment_id')
      .notNull()
      .references(() => commitments.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorUserId: uuid('actor_user_id'),
    note: text('note'),
    at: ts('at').notNull(),
  },
  (t) => [index('commitment_events_commitment_idx').on(t.commitmentId)],
)

/** What each investor holds after a completed campaign. */
export const holdings = pgTable(
  'holdings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    investorProfileId: uuid('investor_profile_id')
      .notNull()
      .references(() => investorProfiles.id),
    commitmentId: uuid('commitment_id')
      .notNull()
      .references(() => commitments.id),
    amountFen: fen('amount_fen').notNull(),
    /** Equity in millionths of the company after the round (ppm). */
    equityPpm: integer('equity_ppm').notNull(),
    securityType: text('security_type', { enum: securityTypes }).notNull(),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [
    uniqueIndex('holdings_commitment_key').on(t.commitmentId),
    index('holdings_investor_idx').on(t.investorProfileId),
  ],
)

/** A request to be introduced, from either side; contacts are shown only once accepted. */
export const intros = pgTable(
  'intros',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Who asked: the startup (to an investor) or the investor (to a startup). */
    fromSide: text('from_side', { enum: introSides }).notNull(),
    startupOrgId: uuid('startup_org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    investorProfileId: uuid('investor_profile_id')
      .notNull()
      .references(() => investorProfiles.id, { onDelete: 'cascade' }),
    requestedByUserId: uuid('requested_by_user_id')
      .notNull()
      .references(() => users.id),
    message: text('message').notNull(),
    status: text('status', { enum: introMachine.states }).notNull().default('requested'),
    decidedByUserId: uuid('decided_by_user_id').references(() => users.id),
    decidedAt: ts('decided_at'),
    declineReason: text('decline_reason'),
    threadId: uuid('thread_id').references(() => messageThreads.id),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('intros_sender_idx').on(t.requestedByUserId, t.createdAt),
    index('intros_pair_idx').on(t.startupOrgId, t.investorProfileId, t.createdAt),
    // One open request between a pair at a time, whichever side asked.
    uniqueIndex('intros_open_key')
      .on(t.startupOrgId, t.investorProfileId)
      .where(sql`status = 'requested'`),
    check('intros_status_check', statusCheck('status', introMachine.states)),
    check('intros_side_check', statusCheck('from_side', introSides)),
  ],
)

export const introEvents = pgTable(
  'intro_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    introId: uuid('intro_id')
      .notNull()
      .references(() => intros.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorUserId: uuid('actor_user_id'),
    note: text('note'),
    at: ts('at').notNull(),
  },
  (t) => [index('intro_events_intro_idx').on(t.introId)],
)
