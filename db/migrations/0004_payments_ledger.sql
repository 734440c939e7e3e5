CREATE TABLE "bank_transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"currency" text NOT NULL,
	"received_on" date NOT NULL,
	"payer_name" text NOT NULL,
	"statement_line_id" uuid,
	"status" text NOT NULL,
	"recorded_by_user_id" uuid NOT NULL,
	"approved_by_user_id" uuid,
	"rejection_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "bank_transfers_status_check" CHECK (status in ('pending_approval', 'recorded', 'rejected')),
	CONSTRAINT "bank_transfers_amount_check" CHECK (amount_fen > 0),
	CONSTRAINT "bank_transfers_four_eyes" CHECK (approved_by_user_id is null or approved_by_user_id <> recorded_by_user_id)
);
--> statement-breakpoint
CREATE TABLE "custody_instructions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"payment_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"currency" text NOT NULL,
	"beneficiary_name" text NOT NULL,
	"beneficiary_bank" text NOT NULL,
	"beneficiary_account" text NOT NULL,
	"status" text NOT NULL,
	"ledger_transaction_id" uuid NOT NULL,
	"rejection_reason" text,
	"created_by_user_id" uuid,
	"approved_by_user_id" uuid,
	"executed_by_user_id" uuid,
	"bank_reference" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "custody_instructions_status_check" CHECK (status in ('pending_approval', 'approved', 'executed', 'rejected')),
	CONSTRAINT "custody_instructions_amount_check" CHECK (amount_fen > 0),
	CONSTRAINT "custody_instructions_four_eyes" CHECK (approved_by_user_id is null or created_by_user_id is null or approved_by_user_id <> created_by_user_id)
);
--> statement-breakpoint
CREATE TABLE "fapiao_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL,
	"issuer" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"requested_by_user_id" uuid NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"tax_id" text NOT NULL,
	"address" text,
	"phone" text,
	"bank_name" text,
	"bank_account" text,
	"email" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"invoice_number" text,
	"invoice_upload_id" uuid,
	"rejection_reason" text,
	"decided_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "fapiao_requests_status_check" CHECK (status in ('requested', 'issued', 'rejected', 'withdrawn')),
	CONSTRAINT "fapiao_requests_type_check" CHECK (type in ('normal', 'special')),
	CONSTRAINT "fapiao_requests_special_check" CHECK (type <> 'special' or (address is not null and phone is not null and bank_name is not null and bank_account is not null))
);
--> statement-breakpoint
CREATE TABLE "fee_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"marketplace" text NOT NULL,
	"rate_bp" integer NOT NULL,
	"minimum_fen" bigint DEFAULT 0 NOT NULL,
	"mode" text NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "fee_schedules_rate_check" CHECK (rate_bp between 0 and 5000),
	CONSTRAINT "fee_schedules_minimum_check" CHECK (minimum_fen >= 0),
	CONSTRAINT "fee_schedules_marketplace_check" CHECK (marketplace in ('equipment', 'challenge', 'crowdfunding')),
	CONSTRAINT "fee_schedules_mode_check" CHECK (mode in ('deducted', 'added'))
);
--> statement-breakpoint
CREATE TABLE "ledger_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"currency" text NOT NULL,
	"normal_sign" smallint NOT NULL,
	"non_negative" boolean NOT NULL,
	"owner_org_id" uuid,
	"owner_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_accounts_kind_check" CHECK (kind in ('custody_cash', 'stripe_clearing', 'stripe_fees', 'fx', 'voucher_receivable', 'platform_fees', 'escrow', 'payable', 'refundable')),
	CONSTRAINT "ledger_accounts_currency_check" CHECK (currency in ('CNY', 'USD', 'HKD', 'EUR')),
	CONSTRAINT "ledger_accounts_sign_check" CHECK (normal_sign in (1, -1))
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"transaction_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"account_seq" integer DEFAULT 0 NOT NULL,
	"balance_after" bigint DEFAULT 0 NOT NULL,
	"non_negative" boolean DEFAULT false NOT NULL,
	CONSTRAINT "ledger_entries_non_negative" CHECK (not non_negative or balance_after >= 0),
	CONSTRAINT "ledger_entries_amount_nonzero" CHECK (amount <> 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_transactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"memo" text DEFAULT '' NOT NULL,
	"operation_key" text NOT NULL,
	"business_kind" text,
	"business_id" text,
	"payment_id" uuid,
	"provider" text,
	"provider_ref" text,
	"reverses_id" uuid,
	"actor_user_id" uuid,
	"posted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_status_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"quote_id" uuid NOT NULL,
	"marketplace" text NOT NULL,
	"business_kind" text NOT NULL,
	"business_id" text NOT NULL,
	"description" text NOT NULL,
	"payer_user_id" uuid NOT NULL,
	"payer_org_id" uuid,
	"payee_user_id" uuid,
	"payee_org_id" uuid,
	"amount_fen" bigint NOT NULL,
	"currency" text NOT NULL,
	"provider" text NOT NULL,
	"status" text DEFAULT 'awaiting_payment' NOT NULL,
	"checkout_session_id" text,
	"payment_intent_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payments_status_check" CHECK (status in ('awaiting_payment', 'requires_action', 'held', 'settled', 'cancelled')),
	CONSTRAINT "payments_amount_check" CHECK (amount_fen > 0),
	CONSTRAINT "payments_payee_check" CHECK ((payee_user_id is null) <> (payee_org_id is null))
);
--> statement-breakpoint
CREATE TABLE "payout_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_org_id" uuid,
	"owner_user_id" uuid,
	"account_name" text NOT NULL,
	"bank_name" text NOT NULL,
	"account_number" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider_operations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"payment_id" uuid,
	"idempotency_key" text NOT NULL,
	"result_ref" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "quotes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"marketplace" text NOT NULL,
	"business_kind" text NOT NULL,
	"business_id" text NOT NULL,
	"currency" text NOT NULL,
	"lines" jsonb NOT NULL,
	"subtotal_fen" bigint NOT NULL,
	"fee_fen" bigint NOT NULL,
	"payer_total_fen" bigint NOT NULL,
	"payee_net_fen" bigint NOT NULL,
	"fee_schedule_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statement_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"filename" text NOT NULL,
	"imported_by_user_id" uuid NOT NULL,
	"lines" integer NOT NULL,
	"matched" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statement_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"import_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"booked_on" date NOT NULL,
	"amount_fen" bigint NOT NULL,
	"currency" text NOT NULL,
	"payer_name" text NOT NULL,
	"payer_account" text DEFAULT '' NOT NULL,
	"memo" text NOT NULL,
	"bank_ref" text NOT NULL,
	"bank_transfer_id" uuid
);
--> statement-breakpoint
CREATE TABLE "stripe_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_org_id" uuid,
	"owner_user_id" uuid,
	"country" text NOT NULL,
	"charges_enabled" boolean DEFAULT false NOT NULL,
	"payouts_enabled" boolean DEFAULT false NOT NULL,
	"details_submitted" boolean DEFAULT false NOT NULL,
	"currently_due" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"object_id" text,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"processed_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
ALTER TABLE "bank_transfers" ADD CONSTRAINT "bank_transfers_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_transfers" ADD CONSTRAINT "bank_transfers_statement_line_id_statement_lines_id_fk" FOREIGN KEY ("statement_line_id") REFERENCES "public"."statement_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_transfers" ADD CONSTRAINT "bank_transfers_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_transfers" ADD CONSTRAINT "bank_transfers_approved_by_user_id_users_id_fk" FOREIGN KEY ("approved_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_instructions" ADD CONSTRAINT "custody_instructions_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_instructions" ADD CONSTRAINT "custody_instructions_ledger_transaction_id_ledger_transactions_id_fk" FOREIGN KEY ("ledger_transaction_id") REFERENCES "public"."ledger_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_instructions" ADD CONSTRAINT "custody_instructions_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_instructions" ADD CONSTRAINT "custody_instructions_approved_by_user_id_users_id_fk" FOREIGN KEY ("approved_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_instructions" ADD CONSTRAINT "custody_instructions_executed_by_user_id_users_id_fk" FOREIGN KEY ("executed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fapiao_requests" ADD CONSTRAINT "fapiao_requests_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fapiao_requests" ADD CONSTRAINT "fapiao_requests_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fapiao_requests" ADD CONSTRAINT "fapiao_requests_invoice_upload_id_uploads_id_fk" FOREIGN KEY ("invoice_upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fapiao_requests" ADD CONSTRAINT "fapiao_requests_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_schedules" ADD CONSTRAINT "fee_schedules_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_owner_org_id_organisations_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_transaction_id_ledger_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."ledger_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_account_id_ledger_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_status_events" ADD CONSTRAINT "payment_status_events_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_quote_id_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."quotes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_payer_user_id_users_id_fk" FOREIGN KEY ("payer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_payer_org_id_organisations_id_fk" FOREIGN KEY ("payer_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_payee_user_id_users_id_fk" FOREIGN KEY ("payee_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_payee_org_id_organisations_id_fk" FOREIGN KEY ("payee_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_accounts" ADD CONSTRAINT "payout_accounts_owner_org_id_organisations_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_accounts" ADD CONSTRAINT "payout_accounts_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_operations" ADD CONSTRAINT "provider_operations_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_fee_schedule_id_fee_schedules_id_fk" FOREIGN KEY ("fee_schedule_id") REFERENCES "public"."fee_schedules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_imports" ADD CONSTRAINT "statement_imports_imported_by_user_id_users_id_fk" FOREIGN KEY ("imported_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_lines" ADD CONSTRAINT "statement_lines_import_id_statement_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."statement_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stripe_accounts" ADD CONSTRAINT "stripe_accounts_owner_org_id_organisations_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stripe_accounts" ADD CONSTRAINT "stripe_accounts_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bank_transfers_payment_idx" ON "bank_transfers" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "custody_instructions_payment_idx" ON "custody_instructions" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "fapiao_requests_payment_idx" ON "fapiao_requests" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "fee_schedules_marketplace_idx" ON "fee_schedules" USING btree ("marketplace","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_code_currency_key" ON "ledger_accounts" USING btree ("code","currency");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entries_account_seq_key" ON "ledger_entries" USING btree ("account_id","account_seq");--> statement-breakpoint
CREATE INDEX "ledger_entries_transaction_idx" ON "ledger_entries" USING btree ("transaction_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_transactions_operation_key" ON "ledger_transactions" USING btree ("operation_key");--> statement-breakpoint
CREATE INDEX "ledger_transactions_payment_idx" ON "ledger_transactions" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "ledger_transactions_business_idx" ON "ledger_transactions" USING btree ("business_kind","business_id");--> statement-breakpoint
CREATE INDEX "ledger_transactions_provider_ref_idx" ON "ledger_transactions" USING btree ("provider_ref");--> statement-breakpoint
CREATE INDEX "payment_status_events_payment_idx" ON "payment_status_events" USING btree ("payment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_reference_key" ON "payments" USING btree ("reference");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_payment_intent_key" ON "payments" USING btree ("payment_intent_id");--> statement-breakpoint
CREATE INDEX "payments_business_idx" ON "payments" USING btree ("business_kind","business_id");--> statement-breakpoint
CREATE INDEX "payments_payer_idx" ON "payments" USING btree ("payer_user_id");--> statement-breakpoint
CREATE INDEX "payments_payee_org_idx" ON "payments" USING btree ("payee_org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payout_accounts_org_key" ON "payout_accounts" USING btree ("owner_org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payout_accounts_user_key" ON "payout_accounts" USING btree ("owner_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "provider_operations_key" ON "provider_operations" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "statement_lines_bank_ref_key" ON "statement_lines" USING btree ("bank_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "stripe_accounts_org_key" ON "stripe_accounts" USING btree ("owner_org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stripe_accounts_user_key" ON "stripe_accounts" USING btree ("owner_user_id");--> statement-breakpoint
-- Each entry takes its place in its account under the account's row lock: the running balance
-- (in the account's normal sign) is computed here, so no caller can get it wrong, and the CHECK
-- on ledger_entries refuses an entry that would take a non-negative account below zero.
CREATE FUNCTION ledger_entry_place() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  acc record;
  prev record;
BEGIN
  SELECT currency, normal_sign, non_negative INTO acc FROM ledger_accounts WHERE id = NEW.account_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'ledger account % does not exist', NEW.account_id;
  END IF;
  IF acc.currency <> NEW.currency THEN
    RAISE EXCEPTION 'ledger entry in % on an account in %', NEW.currency, acc.currency;
  END IF;
  SELECT account_seq, balance_after INTO prev FROM ledger_entries
    WHERE account_id = NEW.account_id ORDER BY account_seq DESC LIMIT 1;
  NEW.account_seq := COALESCE(prev.account_seq, 0) + 1;
  NEW.balance_after := COALESCE(prev.balance_after, 0) + NEW.amount * acc.normal_sign;
  NEW.non_negative := acc.non_negative;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_place BEFORE INSERT ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_entry_place();
--> statement-breakpoint
-- Append-only: corrections are new, reversing transactions.
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the ledger is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
-- Every transaction nets to zero per currency, checked at commit (deferred), so the entries of
-- one transaction can be inserted one by one.
CREATE FUNCTION ledger_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  unbalanced record;
BEGIN
  SELECT currency, SUM(amount) AS net INTO unbalanced FROM ledger_entries
    WHERE transaction_id = NEW.transaction_id GROUP BY currency HAVING SUM(amount) <> 0 LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger transaction % does not balance: % % off', NEW.transaction_id, unbalanced.net, unbalanced.currency
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();
--> statement-breakpoint
-- The default fee schedules: equipment bookings 5% deducted from the provider; challenge awards
-- 5% added to the poster's payment; crowdfunding 3% deducted from the startup's proceeds.
INSERT INTO fee_schedules (marketplace, rate_bp, minimum_fen, mode, created_at) VALUES
  ('equipment', 500, 0, 'deducted', now()),
  ('challenge', 500, 0, 'added', now()),
  ('crowdfunding', 300, 0, 'deducted', now());
