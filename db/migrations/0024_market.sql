CREATE TABLE "space_grant_deliveries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"grant_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"services" integer NOT NULL,
	"beneficiaries" integer NOT NULL,
	"summary" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "space_grant_deliveries_period_ck" CHECK ("space_grant_deliveries"."period_end" >= "space_grant_deliveries"."period_start"),
	CONSTRAINT "space_grant_deliveries_counts_ck" CHECK ("space_grant_deliveries"."services" >= 0 and "space_grant_deliveries"."beneficiaries" >= 0)
);
--> statement-breakpoint
CREATE TABLE "space_grant_reliefs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"grant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"basis" text NOT NULL,
	"granted_on" date NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "space_grant_reliefs_amount_ck" CHECK ("space_grant_reliefs"."amount_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "property_subsidies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"compound_id" uuid NOT NULL,
	"month" text NOT NULL,
	"project_id" uuid NOT NULL,
	"property_company_id" uuid NOT NULL,
	"district_code" text NOT NULL,
	"subdistrict_code" text NOT NULL,
	"community_code" text NOT NULL,
	"floor_area_m2" numeric(14, 2) NOT NULL,
	"cap_fen" bigint NOT NULL,
	"amount_fen" bigint NOT NULL,
	"rule_version" text NOT NULL,
	"status" text DEFAULT 'applied' NOT NULL,
	"applied_by" uuid,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"disbursement_id" uuid,
	"disbursed_at" timestamp with time zone,
	CONSTRAINT "property_subsidies_month_ck" CHECK ("property_subsidies"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "property_subsidies_within_cap_ck" CHECK ("property_subsidies"."amount_fen" > 0 and "property_subsidies"."amount_fen" <= "property_subsidies"."cap_fen")
);
--> statement-breakpoint
CREATE TABLE "public_spaces" (
	"id" uuid PRIMARY KEY NOT NULL,
	"compound_id" uuid NOT NULL,
	"community_code" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"area_m2" numeric(12, 2),
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "space_grants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"space_id" uuid NOT NULL,
	"community_code" text NOT NULL,
	"operator_name" text NOT NULL,
	"operator_credit_code" text,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"fee_fen" bigint NOT NULL,
	"concession_fen" bigint DEFAULT 0 NOT NULL,
	"terms" text,
	"status" text DEFAULT 'active' NOT NULL,
	"reminded_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "space_grants_dates_ck" CHECK ("space_grants"."ends_on" >= "space_grants"."starts_on"),
	CONSTRAINT "space_grants_fee_ck" CHECK ("space_grants"."fee_fen" >= 0 and "space_grants"."concession_fen" >= 0 and "space_grants"."concession_fen" <= "space_grants"."fee_fen")
);
--> statement-breakpoint
ALTER TABLE "space_grant_deliveries" ADD CONSTRAINT "space_grant_deliveries_grant_id_space_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."space_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_grant_reliefs" ADD CONSTRAINT "space_grant_reliefs_grant_id_space_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."space_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_grants" ADD CONSTRAINT "space_grants_space_id_public_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."public_spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "space_grant_deliveries_period_uq" ON "space_grant_deliveries" USING btree ("grant_id","period_start");--> statement-breakpoint
CREATE INDEX "space_grant_reliefs_grant_idx" ON "space_grant_reliefs" USING btree ("grant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "property_subsidies_compound_month_uq" ON "property_subsidies" USING btree ("compound_id","month");--> statement-breakpoint
CREATE INDEX "property_subsidies_month_district_idx" ON "property_subsidies" USING btree ("month","district_code");--> statement-breakpoint
CREATE INDEX "public_spaces_community_idx" ON "public_spaces" USING btree ("community_code","compound_id");--> statement-breakpoint
CREATE UNIQUE INDEX "public_spaces_name_uq" ON "public_spaces" USING btree ("compound_id","name");--> statement-breakpoint
CREATE INDEX "space_grants_space_idx" ON "space_grants" USING btree ("space_id","starts_on");--> statement-breakpoint
CREATE INDEX "space_grants_ends_idx" ON "space_grants" USING btree ("ends_on");--> statement-breakpoint
-- Hand-written (drizzle cannot declare exclusion constraints): two active grants of one public space never overlap
-- (both days of a grant included). btree_gist lets a GiST index compare the uuid by equality beside the date range.
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
ALTER TABLE "space_grants" ADD CONSTRAINT "space_grants_no_overlap" EXCLUDE USING gist ("space_id" WITH =, daterange("starts_on", "ends_on", '[]') WITH &&) WHERE ("status" = 'active');
--> statement-breakpoint
-- Hand-written: the shipped rule was renamed property.subsidy_cap_per_m2_month (issue 14's contract names it); the
-- old key was never read by any code, so an existing database drops it rather than list a rule without a name.
DELETE FROM "policy_rules" WHERE "key" = 'property.subsidy_max_per_m2_month';
