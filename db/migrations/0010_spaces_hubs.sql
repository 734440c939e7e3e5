CREATE TABLE "space_filing_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"filing" text NOT NULL,
	"filing_reference" text,
	"actor_user_id" uuid,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"investor_profile_id" uuid NOT NULL,
	"invited_by" uuid,
	"invited_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_presenters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"campaign_id" uuid,
	"pitch_title" text DEFAULT '' NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_registration_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"org_id" uuid,
	"status" text NOT NULL,
	"check_in_code" text NOT NULL,
	"checked_in_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "event_registrations_status_check" CHECK (status in ('registered', 'waitlisted', 'cancelled', 'attended'))
);
--> statement-breakpoint
CREATE TABLE "mentor_session_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentor_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mentor_id" uuid NOT NULL,
	"membership_id" uuid NOT NULL,
	"requester_user_id" uuid NOT NULL,
	"requester_org_id" uuid,
	"topic" text NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"preferred_times" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"scheduled_at" timestamp with time zone,
	"place" text,
	"held_at" timestamp with time zone,
	"duration_minutes" integer,
	"summary" text,
	"decline_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mentor_sessions_status_check" CHECK (status in ('requested', 'accepted', 'declined', 'cancelled', 'held')),
	CONSTRAINT "mentor_sessions_duration_check" CHECK ("mentor_sessions"."duration_minutes" is null or "mentor_sessions"."duration_minutes" between 1 and 1440)
);
--> statement-breakpoint
CREATE TABLE "space_event_status_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "space_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text,
	"online_url" text,
	"capacity" integer NOT NULL,
	"audience" text DEFAULT 'public' NOT NULL,
	"registration_closes_at" timestamp with time zone,
	"status" text DEFAULT 'draft' NOT NULL,
	"cancel_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "space_events_status_check" CHECK (status in ('draft', 'published', 'held', 'cancelled')),
	CONSTRAINT "space_events_kind_check" CHECK (kind in ('roadshow', 'training', 'contest', 'open_day')),
	CONSTRAINT "space_events_audience_check" CHECK (audience in ('public', 'members')),
	CONSTRAINT "space_events_time_check" CHECK ("space_events"."ends_at" > "space_events"."starts_at"),
	CONSTRAINT "space_events_capacity_check" CHECK ("space_events"."capacity" between 1 and 100000),
	CONSTRAINT "space_events_where_check" CHECK (num_nonnulls("space_events"."place", "space_events"."online_url") >= 1)
);
--> statement-breakpoint
CREATE TABLE "space_mentors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"affiliation" text DEFAULT '' NOT NULL,
	"bio" text DEFAULT '' NOT NULL,
	"segments" text[] DEFAULT '{}'::text[] NOT NULL,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"availability" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'listed' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "space_mentors_status_check" CHECK (status in ('listed', 'retired'))
);
--> statement-breakpoint
CREATE TABLE "moderation_holds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"imposed_by" uuid NOT NULL,
	"imposed_at" timestamp with time zone NOT NULL,
	"lifted_by" uuid,
	"lifted_at" timestamp with time zone,
	"lift_note" text,
	CONSTRAINT "moderation_holds_status_check" CHECK (status in ('active', 'lifted')),
	CONSTRAINT "moderation_holds_subject_check" CHECK (subject_kind in ('listing', 'challenge', 'campaign')),
	CONSTRAINT "moderation_holds_reason_check" CHECK (length(trim("moderation_holds"."reason")) >= 2)
);
--> statement-breakpoint
CREATE TABLE "user_suspensions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"imposed_by" uuid NOT NULL,
	"imposed_at" timestamp with time zone NOT NULL,
	"lifted_by" uuid,
	"lifted_at" timestamp with time zone,
	"lift_note" text,
	CONSTRAINT "user_suspensions_status_check" CHECK (status in ('active', 'lifted')),
	CONSTRAINT "user_suspensions_reason_check" CHECK (length(trim("user_suspensions"."reason")) >= 2)
);
--> statement-breakpoint
ALTER TABLE "spaces" ADD COLUMN "filing_reference" text;--> statement-breakpoint
ALTER TABLE "spaces" ADD COLUMN "filing_check" text DEFAULT 'declared' NOT NULL;--> statement-breakpoint
ALTER TABLE "spaces" ADD COLUMN "filing_check_note" text;--> statement-breakpoint
ALTER TABLE "space_filing_events" ADD CONSTRAINT "space_filing_events_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_invitations" ADD CONSTRAINT "event_invitations_event_id_space_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."space_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_invitations" ADD CONSTRAINT "event_invitations_investor_profile_id_investor_profiles_id_fk" FOREIGN KEY ("investor_profile_id") REFERENCES "public"."investor_profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_invitations" ADD CONSTRAINT "event_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_presenters" ADD CONSTRAINT "event_presenters_event_id_space_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."space_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_presenters" ADD CONSTRAINT "event_presenters_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_presenters" ADD CONSTRAINT "event_presenters_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registration_events" ADD CONSTRAINT "event_registration_events_registration_id_event_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."event_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_event_id_space_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."space_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_session_events" ADD CONSTRAINT "mentor_session_events_session_id_mentor_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."mentor_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_sessions" ADD CONSTRAINT "mentor_sessions_mentor_id_space_mentors_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."space_mentors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_sessions" ADD CONSTRAINT "mentor_sessions_membership_id_space_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."space_memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_sessions" ADD CONSTRAINT "mentor_sessions_requester_user_id_users_id_fk" FOREIGN KEY ("requester_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_sessions" ADD CONSTRAINT "mentor_sessions_requester_org_id_organisations_id_fk" FOREIGN KEY ("requester_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_event_status_events" ADD CONSTRAINT "space_event_status_events_event_id_space_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."space_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_events" ADD CONSTRAINT "space_events_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_events" ADD CONSTRAINT "space_events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_mentors" ADD CONSTRAINT "space_mentors_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_mentors" ADD CONSTRAINT "space_mentors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_holds" ADD CONSTRAINT "moderation_holds_imposed_by_users_id_fk" FOREIGN KEY ("imposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_holds" ADD CONSTRAINT "moderation_holds_lifted_by_users_id_fk" FOREIGN KEY ("lifted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_suspensions" ADD CONSTRAINT "user_suspensions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_suspensions" ADD CONSTRAINT "user_suspensions_imposed_by_users_id_fk" FOREIGN KEY ("imposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_suspensions" ADD CONSTRAINT "user_suspensions_lifted_by_users_id_fk" FOREIGN KEY ("lifted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "space_filing_events_space_idx" ON "space_filing_events" USING btree ("space_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_invitations_event_investor_key" ON "event_invitations" USING btree ("event_id","investor_profile_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_presenters_event_org_key" ON "event_presenters" USING btree ("event_id","org_id");--> statement-breakpoint
CREATE INDEX "event_registration_events_registration_idx" ON "event_registration_events" USING btree ("registration_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_live_key" ON "event_registrations" USING btree ("event_id","user_id") WHERE "event_registrations"."status" <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_code_key" ON "event_registrations" USING btree ("event_id","check_in_code");--> statement-breakpoint
CREATE INDEX "event_registrations_user_idx" ON "event_registrations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "mentor_session_events_session_idx" ON "mentor_session_events" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "mentor_sessions_mentor_idx" ON "mentor_sessions" USING btree ("mentor_id");--> statement-breakpoint
CREATE INDEX "mentor_sessions_requester_idx" ON "mentor_sessions" USING btree ("requester_user_id");--> statement-breakpoint
CREATE INDEX "space_event_status_events_event_idx" ON "space_event_status_events" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "space_events_space_starts_idx" ON "space_events" USING btree ("space_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "space_mentors_space_user_key" ON "space_mentors" USING btree ("space_id","user_id");--> statement-breakpoint
CREATE INDEX "space_mentors_user_idx" ON "space_mentors" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "moderation_holds_active_key" ON "moderation_holds" USING btree ("subject_kind","subject_id") WHERE "moderation_holds"."status" = 'active';--> statement-breakpoint
CREATE INDEX "moderation_holds_subject_idx" ON "moderation_holds" USING btree ("subject_kind","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "user_suspensions_active_key" ON "user_suspensions" USING btree ("user_id") WHERE "user_suspensions"."status" = 'active';--> statement-breakpoint
ALTER TABLE "spaces" ADD CONSTRAINT "spaces_filing_check_check" CHECK (filing_check in ('declared', 'verified', 'rejected'));