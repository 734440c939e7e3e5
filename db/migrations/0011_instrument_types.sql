ALTER TABLE "equipment_listings" ADD COLUMN "type_id" text;--> statement-breakpoint
ALTER TABLE "equipment_listings" ADD COLUMN "keywords" text[] DEFAULT '{}'::text[] NOT NULL;