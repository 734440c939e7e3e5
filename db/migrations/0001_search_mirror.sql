CREATE TABLE "search_documents" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"row_id" text NOT NULL,
	"doc" jsonb NOT NULL,
	"words" "tsvector" NOT NULL,
	"segments1" text[] DEFAULT '{}'::text[] NOT NULL,
	"segments2" text[] DEFAULT '{}'::text[] NOT NULL,
	"city" text DEFAULT '' NOT NULL,
	"status" text DEFAULT '' NOT NULL,
	"spaces" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"source_version" timestamp with time zone NOT NULL,
	"indexed_version" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "search_tombstones" (
	"id" text PRIMARY KEY NOT NULL,
	"removed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "search_documents_words_idx" ON "search_documents" USING gin ("words");--> statement-breakpoint
CREATE INDEX "search_documents_kind_idx" ON "search_documents" USING btree ("kind","row_id");--> statement-breakpoint
CREATE INDEX "search_documents_pending_idx" ON "search_documents" USING btree ("indexed_version");