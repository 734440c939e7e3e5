CREATE TABLE "equipment_booking_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "equipment_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"unit_no" integer NOT NULL,
	"booker_user_id" uuid NOT NULL,
	"booker_org_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"changeover_minutes" integer DEFAULT 0 NOT NULL,
	"blocked" "tstzrange" DEFAULT 'empty'::tstzrange NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"sample_count" integer,
	"status" text NOT NULL,
	"hold_until" timestamp with time zone,
	"cancelled_by_user_id" uuid,
	"cancel_reason" text,
	"cancel_fee_bp" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "equipment_bookings_status_check" CHECK (status in ('requested', 'approved', 'declined', 'awaiting_payment', 'paid', 'in_progress', 'completed', 'reviewed', 'cancelled', 'expired', 'no_show')),
	CONSTRAINT "equipment_bookings_times_check" CHECK (ends_at > starts_at and changeover_minutes >= 0),
	CONSTRAINT "equipment_bookings_unit_check" CHECK (unit_no >= 1)
);
--> statement-breakpoint
CREATE TABLE "equipment_listings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"org_id" uuid NOT NULL,
	"created_by_user_id" uuid,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"manufacturer" text DEFAULT '' NOT NULL,
	"model" text DEFAULT '' NOT NULL,
	"specs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"photo_upload_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"city" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"segments" text[] DEFAULT '{}'::text[] NOT NULL,
	"accreditations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"service_modes" text[] NOT NULL,
	"price_blocks" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"deposit_fen" bigint DEFAULT 0 NOT NULL,
	"unit_minutes" integer DEFAULT 60 NOT NULL,
	"min_units" integer DEFAULT 1 NOT NULL,
	"max_units" integer DEFAULT 8 NOT NULL,
	"lead_time_hours" integer DEFAULT 0 NOT NULL,
	"changeover_minutes" integer DEFAULT 0 NOT NULL,
	"capacity" integer DEFAULT 1 NOT NULL,
	"samples_per_day" integer,
	"cancel_free_hours" integer DEFAULT 24 NOT NULL,
	"cancel_late_fee_bp" integer DEFAULT 0 NOT NULL,
	"opening_hours" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"blackout_dates" date[] DEFAULT '{}'::date[] NOT NULL,
	"instant_booking" boolean DEFAULT false NOT NULL,
	"member_pricing" boolean DEFAULT false NOT NULL,
	"vouchers_accepted" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "equipment_listings_status_check" CHECK (status in ('draft', 'published', 'unpublished')),
	CONSTRAINT "equipment_listings_category_check" CHECK (category in ('research', 'testing_inspection', 'small_trial', 'pilot_line', 'prototyping')),
	CONSTRAINT "equipment_listings_service_modes_check" CHECK (cardinality(service_modes) > 0 and service_modes <@ array['self_service', 'operator_run', 'sample_testing']::text[]),
	CONSTRAINT "equipment_listings_units_check" CHECK (unit_minutes > 0 and min_units between 1 and max_units),
	CONSTRAINT "equipment_listings_capacity_check" CHECK (capacity between 1 and 100),
	CONSTRAINT "equipment_listings_times_check" CHECK (lead_time_hours >= 0 and changeover_minutes >= 0 and cancel_free_hours >= 0),
	CONSTRAINT "equipment_listings_fee_check" CHECK (cancel_late_fee_bp between 0 and 10000),
	CONSTRAINT "equipment_listings_deposit_check" CHECK (deposit_fen >= 0)
);
--> statement-breakpoint
ALTER TABLE "equipment_booking_events" ADD CONSTRAINT "equipment_booking_events_booking_id_equipment_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."equipment_bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_bookings" ADD CONSTRAINT "equipment_bookings_listing_id_equipment_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."equipment_listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_bookings" ADD CONSTRAINT "equipment_bookings_booker_user_id_users_id_fk" FOREIGN KEY ("booker_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_bookings" ADD CONSTRAINT "equipment_bookings_booker_org_id_organisations_id_fk" FOREIGN KEY ("booker_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_bookings" ADD CONSTRAINT "equipment_bookings_cancelled_by_user_id_users_id_fk" FOREIGN KEY ("cancelled_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_listings" ADD CONSTRAINT "equipment_listings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_listings" ADD CONSTRAINT "equipment_listings_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "equipment_booking_events_booking_idx" ON "equipment_booking_events" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "equipment_bookings_listing_idx" ON "equipment_bookings" USING btree ("listing_id","starts_at");--> statement-breakpoint
CREATE INDEX "equipment_bookings_booker_idx" ON "equipment_bookings" USING btree ("booker_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "equipment_listings_slug_key" ON "equipment_listings" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "equipment_listings_org_idx" ON "equipment_listings" USING btree ("org_id");--> statement-breakpoint
-- Appended by hand: what drizzle cannot express. btree_gist lets one GiST index compare the
-- listing and unit by equality beside the time range.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
-- The database, not the caller, derives the range a booking blocks: its own time plus the
-- changeover after it, half-open so that back-to-back bookings touch without overlapping.
-- (A generated column cannot do it: timestamptz + interval is not immutable.)
CREATE FUNCTION equipment_booking_blocked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.blocked := tstzrange(NEW.starts_at, NEW.ends_at + make_interval(mins => NEW.changeover_minutes), '[)');
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER equipment_bookings_blocked BEFORE INSERT OR UPDATE ON equipment_bookings
  FOR EACH ROW EXECUTE FUNCTION equipment_booking_blocked();
--> statement-breakpoint
-- Two live bookings of one unit of one instrument never overlap. Declined, cancelled and
-- expired bookings leave the live set, and with it the constraint: their slot is free again.
ALTER TABLE equipment_bookings ADD CONSTRAINT equipment_bookings_no_overlap
  EXCLUDE USING gist (listing_id WITH =, unit_no WITH =, blocked WITH &&)
  WHERE (status in ('requested', 'approved', 'awaiting_payment', 'paid', 'in_progress', 'completed', 'reviewed', 'no_show'));
