CREATE TABLE "parking_passes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"compound_id" uuid NOT NULL,
	"plate" text NOT NULL,
	"month" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"method" text NOT NULL,
	"reference" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parking_payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"compound_id" uuid NOT NULL,
	"amount_fen" integer NOT NULL,
	"method" text NOT NULL,
	"reference" text NOT NULL,
	"paid_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid
);
--> statement-breakpoint
CREATE TABLE "parking_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"compound_id" uuid NOT NULL,
	"plate" text NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"exited_at" timestamp with time zone,
	"entry_event" text NOT NULL,
	"exit_event" text,
	"fee_fen" integer,
	"tariff_version" text,
	"fee_detail" jsonb,
	"paid_fen" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parking_spaces" (
	"id" uuid PRIMARY KEY NOT NULL,
	"compound_id" uuid NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"household_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "access_credentials" (
	"id" uuid PRIMARY KEY NOT NULL,
	"compound_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compound_access_keys" (
	"compound_id" uuid PRIMARY KEY NOT NULL,
	"public_key" text NOT NULL,
	"private_key_sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "passage_lists" (
	"compound_id" uuid NOT NULL,
	"list" text NOT NULL,
	"version" integer NOT NULL,
	"entries" integer NOT NULL,
	"devices" integer DEFAULT 0 NOT NULL,
	"pushed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "passage_lists_compound_id_list_pk" PRIMARY KEY("compound_id","list")
);
--> statement-breakpoint
CREATE TABLE "vehicles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"compound_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"plate" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "visitor_passes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"compound_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"host_resident_id" uuid,
	"requested_by" text NOT NULL,
	"created_by" uuid,
	"visitor_name_sealed" text NOT NULL,
	"visitor_name_masked" text NOT NULL,
	"plate" text,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"entry" text NOT NULL,
	"status" text NOT NULL,
	"entries" integer DEFAULT 0 NOT NULL,
	"decided_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "parking_payments" ADD CONSTRAINT "parking_payments_session_id_parking_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."parking_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "parking_passes_uq" ON "parking_passes" USING btree ("compound_id","plate","month");--> statement-breakpoint
CREATE UNIQUE INDEX "parking_payments_reference_uq" ON "parking_payments" USING btree ("compound_id","reference");--> statement-breakpoint
CREATE INDEX "parking_payments_session_idx" ON "parking_payments" USING btree ("session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "parking_sessions_open_uq" ON "parking_sessions" USING btree ("compound_id","plate") WHERE "parking_sessions"."exited_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "parking_sessions_entry_uq" ON "parking_sessions" USING btree ("entry_event");--> statement-breakpoint
CREATE INDEX "parking_sessions_compound_idx" ON "parking_sessions" USING btree ("compound_id","entered_at");--> statement-breakpoint
CREATE UNIQUE INDEX "parking_spaces_code_uq" ON "parking_spaces" USING btree ("compound_id","code");--> statement-breakpoint
CREATE INDEX "access_credentials_resident_idx" ON "access_credentials" USING btree ("resident_id","expires_at");--> statement-breakpoint
CREATE INDEX "access_credentials_revoked_idx" ON "access_credentials" USING btree ("compound_id","expires_at") WHERE "access_credentials"."revoked_at" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "vehicles_plate_uq" ON "vehicles" USING btree ("compound_id","plate") WHERE "vehicles"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "vehicles_household_idx" ON "vehicles" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "visitor_passes_household_idx" ON "visitor_passes" USING btree ("household_id","created_at");--> statement-breakpoint
CREATE INDEX "visitor_passes_compound_idx" ON "visitor_passes" USING btree ("compound_id","valid_until");