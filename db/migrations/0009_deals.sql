CREATE TABLE "campaign_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"upload_id" uuid NOT NULL,
	"title" text NOT NULL,
	"added_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "campaign_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_nda_acceptances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"ip" text,
	"accepted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"asked_by_user_id" uuid,
	"question" text NOT NULL,
	"answer" text,
	"answered_by_user_id" uuid,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"author_user_id" uuid,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"terms" jsonb NOT NULL,
	"change_note" text DEFAULT '' NOT NULL,
	"material" boolean DEFAULT false NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"org_id" uuid NOT NULL,
	"created_by_user_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"title" text NOT NULL,
	"one_liner" text NOT NULL,
	"target_fen" bigint NOT NULL,
	"max_fen" bigint NOT NULL,
	"min_ticket_fen" bigint NOT NULL,
	"minimum_accept_fen" bigint NOT NULL,
	"pre_money_fen" bigint NOT NULL,
	"security_type" text NOT NULL,
	"company_form" text NOT NULL,
	"vehicle" text DEFAULT 'direct' NOT NULL,
	"existing_holders" integer NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"use_of_funds" text NOT NULL,
	"risk_disclosure" text NOT NULL,
	"nda_body" text NOT NULL,
	"details" text DEFAULT '' NOT NULL,
	"pitch_deck_upload_id" uuid,
	"segments" text[] DEFAULT '{}'::text[] NOT NULL,
	"published_at" timestamp with time zone,
	"collection_ends_at" timestamp with time zone,
	"decision_deadline" timestamp with time zone,
	"raised_fen" bigint,
	"agreement_upload_id" uuid,
	"registration_upload_id" uuid,
	"documents_rejection_reason" text,
	"closed_reason" text,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "campaigns_status_check" CHECK (status in ('draft', 'live', 'collecting', 'deciding', 'funded', 'documents_submitted', 'completed', 'failed', 'withdrawn')),
	CONSTRAINT "campaigns_security_check" CHECK (security_type in ('ordinary', 'preferred', 'convertible')),
	CONSTRAINT "campaigns_form_check" CHECK (company_form in ('llc', 'joint_stock')),
	CONSTRAINT "campaigns_vehicle_check" CHECK (vehicle in ('direct', 'lp')),
	CONSTRAINT "campaigns_amounts_check" CHECK (target_fen > 0 and max_fen >= target_fen and min_ticket_fen > 0 and min_ticket_fen <= target_fen and minimum_accept_fen > 0 and minimum_accept_fen <= target_fen and pre_money_fen > 0),
	CONSTRAINT "campaigns_holders_check" CHECK (existing_holders >= 0),
	CONSTRAINT "campaigns_risk_check" CHECK (length(trim(risk_disclosure)) > 0)
);
--> statement-breakpoint
CREATE TABLE "commitment_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commitment_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commitments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"investor_profile_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"method" text NOT NULL,
	"payment_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"terms_version" integer NOT NULL,
	"reconfirm_by" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "commitments_status_check" CHECK (status in ('pending', 'committed', 'reconfirm_required', 'collected', 'unpaid', 'completed', 'cancelled', 'lapsed', 'released')),
	CONSTRAINT "commitments_method_check" CHECK (method in ('card', 'pay_now')),
	CONSTRAINT "commitments_amount_check" CHECK (amount_fen > 0)
);
--> statement-breakpoint
CREATE TABLE "data_room_access_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"document_id" uuid,
	"user_id" uuid,
	"action" text NOT NULL,
	"ip" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_access_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"verification_id" uuid NOT NULL,
	"file_id" uuid,
	"actor_user_id" uuid,
	"action" text NOT NULL,
	"ip" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "holdings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"investor_profile_id" uuid NOT NULL,
	"commitment_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"equity_ppm" integer NOT NULL,
	"security_type" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intro_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"intro_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intros" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_side" text NOT NULL,
	"startup_org_id" uuid NOT NULL,
	"investor_profile_id" uuid NOT NULL,
	"requested_by_user_id" uuid NOT NULL,
	"message" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"decided_by_user_id" uuid,
	"decided_at" timestamp with time zone,
	"decline_reason" text,
	"thread_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "intros_status_check" CHECK (status in ('requested', 'accepted', 'declined', 'withdrawn')),
	CONSTRAINT "intros_side_check" CHECK (from_side in ('startup', 'investor'))
);
--> statement-breakpoint
CREATE TABLE "investor_evidence_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"verification_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"key_id" text NOT NULL,
	"iv" text NOT NULL,
	"auth_tag" text NOT NULL,
	"mime" text NOT NULL,
	"ext" text NOT NULL,
	"original_name" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"purged_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "investor_profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"user_id" uuid,
	"org_id" uuid,
	"display_name" text NOT NULL,
	"bio" text DEFAULT '' NOT NULL,
	"thesis_segments" text[] DEFAULT '{}'::text[] NOT NULL,
	"thesis_stages" text[] DEFAULT '{}'::text[] NOT NULL,
	"ticket_min_fen" bigint NOT NULL,
	"ticket_max_fen" bigint NOT NULL,
	"regions" text[] DEFAULT '{}'::text[] NOT NULL,
	"portfolio" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"visibility" text DEFAULT 'public' NOT NULL,
	"annual_limit_fen" bigint,
	"contact_email" text DEFAULT '' NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"last_active_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "investor_profiles_kind_check" CHECK (kind in ('individual', 'institution')),
	CONSTRAINT "investor_profiles_visibility_check" CHECK (visibility in ('public', 'verified_startups')),
	CONSTRAINT "investor_profiles_owner_check" CHECK ((kind = 'individual' and user_id is not null and org_id is null) or (kind = 'institution' and org_id is not null)),
	CONSTRAINT "investor_profiles_ticket_check" CHECK (ticket_min_fen > 0 and ticket_max_fen >= ticket_min_fen),
	CONSTRAINT "investor_profiles_limit_check" CHECK (annual_limit_fen is null or annual_limit_fen > 0)
);
--> statement-breakpoint
CREATE TABLE "investor_verification_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"verification_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "investor_verifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"investor_profile_id" uuid NOT NULL,
	"applicant_user_id" uuid NOT NULL,
	"basis" text NOT NULL,
	"declared_fen" bigint NOT NULL,
	"declaration_version" text NOT NULL,
	"sensitive_consent_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"decided_by_user_id" uuid,
	"decided_at" timestamp with time zone,
	"reason" text,
	"expires_at" timestamp with time zone,
	"evidence_purged_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "investor_verifications_status_check" CHECK (status in ('submitted', 'approved', 'rejected', 'expired')),
	CONSTRAINT "investor_verifications_basis_check" CHECK (basis in ('financial_assets', 'annual_income', 'net_assets')),
	CONSTRAINT "investor_verifications_decision_check" CHECK (status = 'submitted' or decided_at is not null),
	CONSTRAINT "investor_verifications_reason_check" CHECK (status <> 'rejected' or coalesce(reason, '') <> '')
);
--> statement-breakpoint
CREATE TABLE "startup_profiles" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"one_liner" text NOT NULL,
	"stage" text NOT NULL,
	"founded_on" date,
	"team" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"traction" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"logo_upload_id" uuid,
	"seeking_fen" bigint,
	"min_ticket_fen" bigint,
	"company_form" text DEFAULT 'llc' NOT NULL,
	"existing_holders" integer DEFAULT 1 NOT NULL,
	"last_active_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "startup_profiles_stage_check" CHECK (stage in ('idea', 'seed', 'angel', 'a')),
	CONSTRAINT "startup_profiles_form_check" CHECK (company_form in ('llc', 'joint_stock')),
	CONSTRAINT "startup_profiles_holders_check" CHECK (existing_holders >= 0),
	CONSTRAINT "startup_profiles_ticket_check" CHECK (min_ticket_fen is null or seeking_fen is null or (min_ticket_fen > 0 and seeking_fen >= min_ticket_fen))
);
--> statement-breakpoint
ALTER TABLE "campaign_documents" ADD CONSTRAINT "campaign_documents_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_documents" ADD CONSTRAINT "campaign_documents_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_documents" ADD CONSTRAINT "campaign_documents_added_by_user_id_users_id_fk" FOREIGN KEY ("added_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_events" ADD CONSTRAINT "campaign_events_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_nda_acceptances" ADD CONSTRAINT "campaign_nda_acceptances_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_nda_acceptances" ADD CONSTRAINT "campaign_nda_acceptances_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_questions" ADD CONSTRAINT "campaign_questions_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_questions" ADD CONSTRAINT "campaign_questions_asked_by_user_id_users_id_fk" FOREIGN KEY ("asked_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_questions" ADD CONSTRAINT "campaign_questions_answered_by_user_id_users_id_fk" FOREIGN KEY ("answered_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_updates" ADD CONSTRAINT "campaign_updates_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_updates" ADD CONSTRAINT "campaign_updates_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_versions" ADD CONSTRAINT "campaign_versions_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_versions" ADD CONSTRAINT "campaign_versions_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_pitch_deck_upload_id_uploads_id_fk" FOREIGN KEY ("pitch_deck_upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_agreement_upload_id_uploads_id_fk" FOREIGN KEY ("agreement_upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_registration_upload_id_uploads_id_fk" FOREIGN KEY ("registration_upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_events" ADD CONSTRAINT "commitment_events_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_investor_profile_id_investor_profiles_id_fk" FOREIGN KEY ("investor_profile_id") REFERENCES "public"."investor_profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_room_access_log" ADD CONSTRAINT "data_room_access_log_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_room_access_log" ADD CONSTRAINT "data_room_access_log_document_id_campaign_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."campaign_documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_room_access_log" ADD CONSTRAINT "data_room_access_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_access_log" ADD CONSTRAINT "evidence_access_log_verification_id_investor_verifications_id_fk" FOREIGN KEY ("verification_id") REFERENCES "public"."investor_verifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_access_log" ADD CONSTRAINT "evidence_access_log_file_id_investor_evidence_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."investor_evidence_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holdings" ADD CONSTRAINT "holdings_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holdings" ADD CONSTRAINT "holdings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holdings" ADD CONSTRAINT "holdings_investor_profile_id_investor_profiles_id_fk" FOREIGN KEY ("investor_profile_id") REFERENCES "public"."investor_profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holdings" ADD CONSTRAINT "holdings_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intro_events" ADD CONSTRAINT "intro_events_intro_id_intros_id_fk" FOREIGN KEY ("intro_id") REFERENCES "public"."intros"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intros" ADD CONSTRAINT "intros_startup_org_id_organisations_id_fk" FOREIGN KEY ("startup_org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intros" ADD CONSTRAINT "intros_investor_profile_id_investor_profiles_id_fk" FOREIGN KEY ("investor_profile_id") REFERENCES "public"."investor_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intros" ADD CONSTRAINT "intros_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intros" ADD CONSTRAINT "intros_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intros" ADD CONSTRAINT "intros_thread_id_message_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."message_threads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investor_evidence_files" ADD CONSTRAINT "investor_evidence_files_verification_id_investor_verifications_id_fk" FOREIGN KEY ("verification_id") REFERENCES "public"."investor_verifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investor_profiles" ADD CONSTRAINT "investor_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investor_profiles" ADD CONSTRAINT "investor_profiles_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investor_verification_events" ADD CONSTRAINT "investor_verification_events_verification_id_investor_verifications_id_fk" FOREIGN KEY ("verification_id") REFERENCES "public"."investor_verifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investor_verifications" ADD CONSTRAINT "investor_verifications_investor_profile_id_investor_profiles_id_fk" FOREIGN KEY ("investor_profile_id") REFERENCES "public"."investor_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investor_verifications" ADD CONSTRAINT "investor_verifications_applicant_user_id_users_id_fk" FOREIGN KEY ("applicant_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investor_verifications" ADD CONSTRAINT "investor_verifications_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startup_profiles" ADD CONSTRAINT "startup_profiles_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startup_profiles" ADD CONSTRAINT "startup_profiles_logo_upload_id_uploads_id_fk" FOREIGN KEY ("logo_upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_documents_campaign_idx" ON "campaign_documents" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "campaign_events_campaign_idx" ON "campaign_events" USING btree ("campaign_id");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_nda_acceptances_key" ON "campaign_nda_acceptances" USING btree ("campaign_id","user_id","version");--> statement-breakpoint
CREATE INDEX "campaign_questions_campaign_idx" ON "campaign_questions" USING btree ("campaign_id","created_at");--> statement-breakpoint
CREATE INDEX "campaign_updates_campaign_idx" ON "campaign_updates" USING btree ("campaign_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_versions_key" ON "campaign_versions" USING btree ("campaign_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "campaigns_slug_key" ON "campaigns" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "campaigns_org_idx" ON "campaigns" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "campaigns_status_idx" ON "campaigns" USING btree ("status","deadline");--> statement-breakpoint
CREATE INDEX "commitment_events_commitment_idx" ON "commitment_events" USING btree ("commitment_id");--> statement-breakpoint
CREATE INDEX "commitments_campaign_idx" ON "commitments" USING btree ("campaign_id","status");--> statement-breakpoint
CREATE INDEX "commitments_investor_idx" ON "commitments" USING btree ("investor_profile_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "commitments_live_key" ON "commitments" USING btree ("campaign_id","investor_profile_id") WHERE status in ('pending', 'committed', 'reconfirm_required', 'collected', 'completed');--> statement-breakpoint
CREATE INDEX "data_room_access_log_campaign_idx" ON "data_room_access_log" USING btree ("campaign_id","at");--> statement-breakpoint
CREATE INDEX "evidence_access_log_verification_idx" ON "evidence_access_log" USING btree ("verification_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "holdings_commitment_key" ON "holdings" USING btree ("commitment_id");--> statement-breakpoint
CREATE INDEX "holdings_investor_idx" ON "holdings" USING btree ("investor_profile_id");--> statement-breakpoint
CREATE INDEX "intro_events_intro_idx" ON "intro_events" USING btree ("intro_id");--> statement-breakpoint
CREATE INDEX "intros_sender_idx" ON "intros" USING btree ("requested_by_user_id","created_at");--> statement-breakpoint
CREATE INDEX "intros_pair_idx" ON "intros" USING btree ("startup_org_id","investor_profile_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "intros_open_key" ON "intros" USING btree ("startup_org_id","investor_profile_id") WHERE status = 'requested';--> statement-breakpoint
CREATE INDEX "investor_evidence_files_verification_idx" ON "investor_evidence_files" USING btree ("verification_id");--> statement-breakpoint
CREATE UNIQUE INDEX "investor_profiles_user_key" ON "investor_profiles" USING btree ("user_id") WHERE kind = 'individual';--> statement-breakpoint
CREATE UNIQUE INDEX "investor_profiles_org_key" ON "investor_profiles" USING btree ("org_id") WHERE kind = 'institution';--> statement-breakpoint
CREATE INDEX "investor_verification_events_idx" ON "investor_verification_events" USING btree ("verification_id");--> statement-breakpoint
CREATE INDEX "investor_verifications_profile_idx" ON "investor_verifications" USING btree ("investor_profile_id","created_at");--> statement-breakpoint
CREATE INDEX "investor_verifications_status_idx" ON "investor_verifications" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "investor_verifications_open_key" ON "investor_verifications" USING btree ("investor_profile_id") WHERE status = 'submitted';