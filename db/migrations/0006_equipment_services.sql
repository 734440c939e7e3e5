CREATE TABLE "deposit_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"kept_fen" bigint NOT NULL,
	"reason" text NOT NULL,
	"evidence_upload_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"status" text NOT NULL,
	"respond_by" timestamp with time zone NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "deposit_claims_status_check" CHECK (status in ('proposed', 'accepted', 'disputed', 'resolved')),
	CONSTRAINT "deposit_claims_kept_check" CHECK (kept_fen > 0)
);
--> statement-breakpoint
CREATE TABLE "equipment_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"listing_id" uuid NOT NULL,
	"author_user_id" uuid NOT NULL,
	"rating" integer NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "equipment_reviews_rating_check" CHECK (rating between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "equipment_trainings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"trained_by_user_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"trained_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "innovation_vouchers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"issuer" text NOT NULL,
	"reference" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"expires_on" date NOT NULL,
	"granted_by_user_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "innovation_vouchers_amount_check" CHECK (amount_fen > 0)
);
--> statement-breakpoint
CREATE TABLE "voucher_use_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"voucher_use_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "voucher_uses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"voucher_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	"provider_org_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"status" text NOT NULL,
	"packet_no" text,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"debt_payment_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "voucher_uses_status_check" CHECK (status in ('held', 'released', 'submitted', 'reimbursed', 'rejected')),
	CONSTRAINT "voucher_uses_amount_check" CHECK (amount_fen > 0)
);
--> statement-breakpoint
CREATE TABLE "dispute_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dispute_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disputes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"opened_by_user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"resolution" text,
	"release_fen" bigint,
	"refund_fen" bigint,
	"resolved_by_user_id" uuid,
	"resolution_note" text,
	"created_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "disputes_status_check" CHECK (status in ('open', 'resolved', 'withdrawn')),
	CONSTRAINT "disputes_amount_check" CHECK (amount_fen > 0),
	CONSTRAINT "disputes_split_check" CHECK (resolution is null or (release_fen >= 0 and refund_fen >= 0 and release_fen + refund_fen = amount_fen))
);
--> statement-breakpoint
ALTER TABLE "quotes" ADD COLUMN "voucher_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "quotes" ADD COLUMN "voucher_id" uuid;--> statement-breakpoint
ALTER TABLE "equipment_bookings" ADD COLUMN "service_mode" text DEFAULT 'operator_run' NOT NULL;--> statement-breakpoint
ALTER TABLE "equipment_bookings" ADD COLUMN "sample_description" text;--> statement-breakpoint
ALTER TABLE "equipment_bookings" ADD COLUMN "shipping_details" text;--> statement-breakpoint
ALTER TABLE "equipment_bookings" ADD COLUMN "retest_of_booking_id" uuid;--> statement-breakpoint
ALTER TABLE "equipment_bookings" ADD COLUMN "report_upload_id" uuid;--> statement-breakpoint
ALTER TABLE "equipment_bookings" ADD COLUMN "report_uploaded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "equipment_bookings" ADD COLUMN "completed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deposit_claims" ADD CONSTRAINT "deposit_claims_booking_id_equipment_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."equipment_bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposit_claims" ADD CONSTRAINT "deposit_claims_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_reviews" ADD CONSTRAINT "equipment_reviews_booking_id_equipment_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."equipment_bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_reviews" ADD CONSTRAINT "equipment_reviews_listing_id_equipment_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."equipment_listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_reviews" ADD CONSTRAINT "equipment_reviews_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_trainings" ADD CONSTRAINT "equipment_trainings_listing_id_equipment_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."equipment_listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_trainings" ADD CONSTRAINT "equipment_trainings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_trainings" ADD CONSTRAINT "equipment_trainings_trained_by_user_id_users_id_fk" FOREIGN KEY ("trained_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "innovation_vouchers" ADD CONSTRAINT "innovation_vouchers_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "innovation_vouchers" ADD CONSTRAINT "innovation_vouchers_granted_by_user_id_users_id_fk" FOREIGN KEY ("granted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_use_events" ADD CONSTRAINT "voucher_use_events_voucher_use_id_voucher_uses_id_fk" FOREIGN KEY ("voucher_use_id") REFERENCES "public"."voucher_uses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_uses" ADD CONSTRAINT "voucher_uses_voucher_id_innovation_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."innovation_vouchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_uses" ADD CONSTRAINT "voucher_uses_booking_id_equipment_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."equipment_bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_uses" ADD CONSTRAINT "voucher_uses_provider_org_id_organisations_id_fk" FOREIGN KEY ("provider_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_events" ADD CONSTRAINT "dispute_events_dispute_id_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."disputes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_opened_by_user_id_users_id_fk" FOREIGN KEY ("opened_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_resolved_by_user_id_users_id_fk" FOREIGN KEY ("resolved_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deposit_claims_booking_key" ON "deposit_claims" USING btree ("booking_id");--> statement-breakpoint
CREATE UNIQUE INDEX "equipment_reviews_booking_key" ON "equipment_reviews" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "equipment_reviews_listing_idx" ON "equipment_reviews" USING btree ("listing_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "equipment_trainings_listing_user_key" ON "equipment_trainings" USING btree ("listing_id","user_id");--> statement-breakpoint
CREATE INDEX "innovation_vouchers_org_idx" ON "innovation_vouchers" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "voucher_use_events_use_idx" ON "voucher_use_events" USING btree ("voucher_use_id");--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_uses_booking_key" ON "voucher_uses" USING btree ("booking_id");--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_uses_packet_no_key" ON "voucher_uses" USING btree ("packet_no");--> statement-breakpoint
CREATE INDEX "voucher_uses_voucher_idx" ON "voucher_uses" USING btree ("voucher_id");--> statement-breakpoint
CREATE INDEX "voucher_uses_provider_idx" ON "voucher_uses" USING btree ("provider_org_id");--> statement-breakpoint
CREATE INDEX "dispute_events_dispute_idx" ON "dispute_events" USING btree ("dispute_id");--> statement-breakpoint
CREATE INDEX "disputes_status_idx" ON "disputes" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "disputes_subject_idx" ON "disputes" USING btree ("subject_kind","subject_id");--> statement-breakpoint
CREATE INDEX "equipment_bookings_booker_org_idx" ON "equipment_bookings" USING btree ("booker_org_id");--> statement-breakpoint
CREATE INDEX "equipment_bookings_retest_idx" ON "equipment_bookings" USING btree ("retest_of_booking_id");--> statement-breakpoint
ALTER TABLE "equipment_bookings" ADD CONSTRAINT "equipment_bookings_service_mode_check" CHECK (service_mode in ('self_service', 'operator_run', 'sample_testing'));
--> statement-breakpoint
-- Sample testing is limited by samples per day, not by time on the instrument: such a booking
-- blocks no range (an empty range overlaps nothing), and the day's count is checked under a
-- lock on the listing instead.
CREATE OR REPLACE FUNCTION equipment_booking_blocked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.service_mode = 'sample_testing' THEN
    NEW.blocked := 'empty'::tstzrange;
  ELSE
    NEW.blocked := tstzrange(NEW.starts_at, NEW.ends_at + make_interval(mins => NEW.changeover_minutes), '[)');
  END IF;
  RETURN NEW;
END $$;
