CREATE TABLE "challenge_bid_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bid_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_bids" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"bidder_user_id" uuid NOT NULL,
	"bidder_org_id" uuid,
	"status" text NOT NULL,
	"application_profile" text DEFAULT '' NOT NULL,
	"track_record" text DEFAULT '' NOT NULL,
	"application_plan" text DEFAULT '' NOT NULL,
	"price_fen" bigint,
	"timeline_days" integer,
	"approach" text DEFAULT '' NOT NULL,
	"team" text DEFAULT '' NOT NULL,
	"attachment_upload_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"rejection_reason" text,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "challenge_bids_status_check" CHECK (status in ('applied', 'admitted', 'submitted', 'shortlisted', 'awarded', 'rejected', 'withdrawn', 'lapsed')),
	CONSTRAINT "challenge_bids_price_check" CHECK (price_fen is null or price_fen > 0)
);
--> statement-breakpoint
CREATE TABLE "challenge_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"asked_by_user_id" uuid NOT NULL,
	"question" text NOT NULL,
	"answer" text,
	"answered_by_user_id" uuid,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"rater_side" text NOT NULL,
	"rater_user_id" uuid NOT NULL,
	"rating" integer NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "challenge_ratings_rating_check" CHECK (rating between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "challenge_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"org_id" uuid NOT NULL,
	"created_by_user_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"details" text DEFAULT '' NOT NULL,
	"segments" text[] DEFAULT '{}'::text[] NOT NULL,
	"type" text NOT NULL,
	"solicitation" text DEFAULT 'open' NOT NULL,
	"award_mode" text NOT NULL,
	"award_fen" bigint,
	"budget_min_fen" bigint,
	"budget_max_fen" bigint,
	"bid_deadline" timestamp with time zone NOT NULL,
	"award_deadline" timestamp with time zone NOT NULL,
	"delivery_deadline" timestamp with time zone NOT NULL,
	"ip_terms" text NOT NULL,
	"confidentiality" text DEFAULT 'public' NOT NULL,
	"nda_text_id" uuid,
	"eligibility" text DEFAULT 'anyone' NOT NULL,
	"eligible_space_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"eligible_segments" text[] DEFAULT '{}'::text[] NOT NULL,
	"attachment_upload_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"confidential_upload_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"awarded_bid_id" uuid,
	"funding_deadline" timestamp with time zone,
	"closed_reason" text,
	"published_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "challenges_status_check" CHECK (status in ('draft', 'open', 'reviewing', 'awarded', 'funded', 'in_delivery', 'completed', 'cancelled', 'no_award', 'award_lapsed')),
	CONSTRAINT "challenges_type_check" CHECK (type in ('rd_task', 'prototype', 'testing_task', 'ideation')),
	CONSTRAINT "challenges_ip_check" CHECK (ip_terms in ('transfer', 'exclusive_licence', 'nonexclusive_licence', 'solver_keeps')),
	CONSTRAINT "challenges_award_check" CHECK (award_mode in ('fixed', 'range')),
	CONSTRAINT "challenges_award_amounts_check" CHECK ((award_mode = 'fixed' and award_fen > 0) or (award_mode = 'range' and budget_min_fen > 0 and budget_max_fen >= budget_min_fen)),
	CONSTRAINT "challenges_deadlines_check" CHECK (bid_deadline <= award_deadline and award_deadline <= delivery_deadline),
	CONSTRAINT "challenges_nda_check" CHECK (confidentiality = 'public' or nda_text_id is not null)
);
--> statement-breakpoint
CREATE TABLE "challenge_deliverables" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"milestone_id" uuid NOT NULL,
	"submitted_by_user_id" uuid NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"upload_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"revision_reason" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_milestone_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"milestone_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_milestone_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"bid_id" uuid NOT NULL,
	"proposed_by_side" text NOT NULL,
	"proposed_by_user_id" uuid,
	"items" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "challenge_milestone_plans_status_check" CHECK (status in ('proposed', 'agreed', 'superseded', 'lapsed'))
);
--> statement-breakpoint
CREATE TABLE "challenge_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"title" text NOT NULL,
	"due_on" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"status" text DEFAULT 'agreed' NOT NULL,
	"submitted_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "challenge_milestones_status_check" CHECK (status in ('agreed', 'submitted', 'accepted', 'revision_requested', 'disputed', 'resolved')),
	CONSTRAINT "challenge_milestones_amount_check" CHECK (amount_fen > 0)
);
--> statement-breakpoint
CREATE TABLE "nda_acceptances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"nda_text_id" uuid NOT NULL,
	"nda_version" integer NOT NULL,
	"ip" text,
	"accepted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nda_texts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "challenge_bid_events" ADD CONSTRAINT "challenge_bid_events_bid_id_challenge_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."challenge_bids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_bids" ADD CONSTRAINT "challenge_bids_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_bids" ADD CONSTRAINT "challenge_bids_bidder_user_id_users_id_fk" FOREIGN KEY ("bidder_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_bids" ADD CONSTRAINT "challenge_bids_bidder_org_id_organisations_id_fk" FOREIGN KEY ("bidder_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_events" ADD CONSTRAINT "challenge_events_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_questions" ADD CONSTRAINT "challenge_questions_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_questions" ADD CONSTRAINT "challenge_questions_asked_by_user_id_users_id_fk" FOREIGN KEY ("asked_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_questions" ADD CONSTRAINT "challenge_questions_answered_by_user_id_users_id_fk" FOREIGN KEY ("answered_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_ratings" ADD CONSTRAINT "challenge_ratings_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_ratings" ADD CONSTRAINT "challenge_ratings_rater_user_id_users_id_fk" FOREIGN KEY ("rater_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_versions" ADD CONSTRAINT "challenge_versions_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_versions" ADD CONSTRAINT "challenge_versions_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_nda_text_id_nda_texts_id_fk" FOREIGN KEY ("nda_text_id") REFERENCES "public"."nda_texts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_deliverables" ADD CONSTRAINT "challenge_deliverables_milestone_id_challenge_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."challenge_milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_deliverables" ADD CONSTRAINT "challenge_deliverables_submitted_by_user_id_users_id_fk" FOREIGN KEY ("submitted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_milestone_events" ADD CONSTRAINT "challenge_milestone_events_milestone_id_challenge_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."challenge_milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_milestone_plans" ADD CONSTRAINT "challenge_milestone_plans_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_milestone_plans" ADD CONSTRAINT "challenge_milestone_plans_bid_id_challenge_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."challenge_bids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_milestone_plans" ADD CONSTRAINT "challenge_milestone_plans_proposed_by_user_id_users_id_fk" FOREIGN KEY ("proposed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_milestones" ADD CONSTRAINT "challenge_milestones_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nda_acceptances" ADD CONSTRAINT "nda_acceptances_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nda_acceptances" ADD CONSTRAINT "nda_acceptances_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nda_acceptances" ADD CONSTRAINT "nda_acceptances_nda_text_id_nda_texts_id_fk" FOREIGN KEY ("nda_text_id") REFERENCES "public"."nda_texts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nda_texts" ADD CONSTRAINT "nda_texts_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nda_texts" ADD CONSTRAINT "nda_texts_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "challenge_bid_events_bid_idx" ON "challenge_bid_events" USING btree ("bid_id");--> statement-breakpoint
CREATE INDEX "challenge_bids_challenge_idx" ON "challenge_bids" USING btree ("challenge_id","status");--> statement-breakpoint
CREATE INDEX "challenge_bids_bidder_idx" ON "challenge_bids" USING btree ("bidder_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "challenge_bids_one_live_per_person" ON "challenge_bids" USING btree ("challenge_id","bidder_user_id") WHERE status in ('applied', 'admitted', 'submitted', 'shortlisted', 'awarded');--> statement-breakpoint
CREATE UNIQUE INDEX "challenge_bids_one_live_per_org" ON "challenge_bids" USING btree ("challenge_id","bidder_org_id") WHERE bidder_org_id is not null and status in ('applied', 'admitted', 'submitted', 'shortlisted', 'awarded');--> statement-breakpoint
CREATE INDEX "challenge_events_challenge_idx" ON "challenge_events" USING btree ("challenge_id");--> statement-breakpoint
CREATE INDEX "challenge_questions_challenge_idx" ON "challenge_questions" USING btree ("challenge_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "challenge_ratings_side_key" ON "challenge_ratings" USING btree ("challenge_id","rater_side");--> statement-breakpoint
CREATE UNIQUE INDEX "challenge_versions_key" ON "challenge_versions" USING btree ("challenge_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "challenges_slug_key" ON "challenges" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "challenges_org_idx" ON "challenges" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "challenges_status_idx" ON "challenges" USING btree ("status","bid_deadline");--> statement-breakpoint
CREATE INDEX "challenge_deliverables_milestone_idx" ON "challenge_deliverables" USING btree ("milestone_id","created_at");--> statement-breakpoint
CREATE INDEX "challenge_milestone_events_milestone_idx" ON "challenge_milestone_events" USING btree ("milestone_id");--> statement-breakpoint
CREATE INDEX "challenge_milestone_plans_challenge_idx" ON "challenge_milestone_plans" USING btree ("challenge_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "challenge_milestones_seq_key" ON "challenge_milestones" USING btree ("challenge_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "nda_acceptances_key" ON "nda_acceptances" USING btree ("challenge_id","user_id","nda_text_id");--> statement-breakpoint
CREATE UNIQUE INDEX "nda_texts_org_version_key" ON "nda_texts" USING btree ("org_id","version");