CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_username" text,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"progress_done" integer DEFAULT 0 NOT NULL,
	"progress_total" integer DEFAULT 0 NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"result" jsonb,
	"error" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "policy_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"version" text NOT NULL,
	"value" jsonb NOT NULL,
	"unit" text,
	"source" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"scope_division" text,
	"scope_compound_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"department" text,
	"resident_id" uuid,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "buildings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"compound_id" uuid NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "buildings_compound_id_uq" UNIQUE("compound_id","id")
);
--> statement-breakpoint
CREATE TABLE "compounds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"community_code" text NOT NULL,
	"subdistrict_code" text NOT NULL,
	"district_code" text NOT NULL,
	"city_code" text NOT NULL,
	"address" text NOT NULL,
	"longitude" numeric(9, 6),
	"latitude" numeric(8, 6),
	"year_built" integer NOT NULL,
	"floor_area_m2" numeric(12, 2) NOT NULL,
	"buildings_count" integer DEFAULT 0 NOT NULL,
	"households_count" integer DEFAULT 0 NOT NULL,
	"property_mode" text DEFAULT 'none' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "divisions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"parent" text
);
--> statement-breakpoint
CREATE TABLE "household_residents" (
	"compound_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"relation" text DEFAULT 'owner' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"verified_by" uuid,
	"verified_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id" uuid PRIMARY KEY NOT NULL,
	"compound_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"room" text NOT NULL,
	"floor_area_m2" numeric(10, 2) NOT NULL,
	"deed_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_versions" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "residents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name_enc" text NOT NULL,
	"name_masked" text NOT NULL,
	"phone_enc" text,
	"phone_masked" text,
	"id_number_enc" text,
	"id_number_masked" text,
	"id_number_hash" text,
	"fake" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" uuid PRIMARY KEY NOT NULL,
	"compound_id" uuid NOT NULL,
	"building_id" uuid NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "units_compound_id_uq" UNIQUE("compound_id","id")
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buildings" ADD CONSTRAINT "buildings_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_residents" ADD CONSTRAINT "household_residents_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_residents" ADD CONSTRAINT "household_residents_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_unit_fk" FOREIGN KEY ("compound_id","unit_id") REFERENCES "public"."units"("compound_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_building_fk" FOREIGN KEY ("compound_id","building_id") REFERENCES "public"."buildings"("compound_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "jobs_created_by_idx" ON "jobs" USING btree ("created_by","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_rules_key_version_uq" ON "policy_rules" USING btree ("key","version");--> statement-breakpoint
CREATE INDEX "policy_rules_key_from_idx" ON "policy_rules" USING btree ("key","effective_from");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "buildings_natural_uq" ON "buildings" USING btree ("compound_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "compounds_natural_uq" ON "compounds" USING btree ("community_code","name");--> statement-breakpoint
CREATE INDEX "compounds_subdistrict_name_idx" ON "compounds" USING btree ("subdistrict_code","name","id");--> statement-breakpoint
CREATE INDEX "compounds_district_name_idx" ON "compounds" USING btree ("district_code","name","id");--> statement-breakpoint
CREATE INDEX "compounds_city_name_idx" ON "compounds" USING btree ("city_code","name","id");--> statement-breakpoint
CREATE INDEX "compounds_community_name_idx" ON "compounds" USING btree ("community_code","name","id");--> statement-breakpoint
CREATE INDEX "divisions_parent_idx" ON "divisions" USING btree ("parent","code");--> statement-breakpoint
CREATE UNIQUE INDEX "household_residents_uq" ON "household_residents" USING btree ("household_id","resident_id");--> statement-breakpoint
CREATE INDEX "household_residents_resident_idx" ON "household_residents" USING btree ("resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "households_natural_uq" ON "households" USING btree ("unit_id","room");--> statement-breakpoint
CREATE INDEX "households_compound_idx" ON "households" USING btree ("compound_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "residents_id_number_hash_uq" ON "residents" USING btree ("id_number_hash") WHERE id_number_hash is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "units_natural_uq" ON "units" USING btree ("building_id","name");