CREATE TABLE "catalogue_versions" (
	"version" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"current" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"version" text NOT NULL,
	"code" text NOT NULL,
	"level" integer NOT NULL,
	"parent" text,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"category" text,
	"unit" text,
	"future_scenario" text,
	"six_haves" text,
	CONSTRAINT "indicators_version_code_pk" PRIMARY KEY("version","code")
);
--> statement-breakpoint
CREATE TABLE "price_lists" (
	"id" uuid PRIMARY KEY NOT NULL,
	"version" text NOT NULL,
	"effective_from" date NOT NULL,
	"source" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_lists_version_unique" UNIQUE("version")
);
--> statement-breakpoint
CREATE TABLE "prices" (
	"price_list_id" uuid NOT NULL,
	"indicator_code" text NOT NULL,
	"unit_price_fen" bigint NOT NULL,
	CONSTRAINT "prices_price_list_id_indicator_code_pk" PRIMARY KEY("price_list_id","indicator_code")
);
--> statement-breakpoint
CREATE TABLE "funding_amendments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"source" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disbursements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"source" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"paid_on" date NOT NULL,
	"payee" text NOT NULL,
	"document_ref" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_checks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted" boolean NOT NULL,
	"cost_fen" bigint NOT NULL,
	"funded_fen" bigint NOT NULL,
	"rules_used" jsonb NOT NULL,
	"violations" jsonb NOT NULL,
	"by_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "funding_lines" (
	"project_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"district_code" text NOT NULL,
	"source" text NOT NULL,
	"channel" text DEFAULT '' NOT NULL,
	"amount_fen" bigint NOT NULL,
	CONSTRAINT "funding_lines_project_id_source_channel_pk" PRIMARY KEY("project_id","source","channel")
);
--> statement-breakpoint
CREATE TABLE "plan_items" (
	"plan_version_id" uuid NOT NULL,
	"indicator_code" text NOT NULL,
	"quantity" numeric(14, 2) NOT NULL,
	"unit_price_fen" bigint NOT NULL,
	"amount_fen" bigint NOT NULL,
	CONSTRAINT "plan_items_plan_version_id_indicator_code_pk" PRIMARY KEY("plan_version_id","indicator_code")
);
--> statement-breakpoint
CREATE TABLE "plan_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"catalogue_version" text NOT NULL,
	"price_list_id" uuid,
	"total_fen" bigint NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"approved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "project_compounds" (
	"project_id" uuid NOT NULL,
	"compound_id" uuid NOT NULL,
	"name" text NOT NULL,
	"floor_area_m2" numeric(12, 2) NOT NULL,
	"households" integer NOT NULL,
	CONSTRAINT "project_compounds_project_id_compound_id_pk" PRIMARY KEY("project_id","compound_id")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"year" integer NOT NULL,
	"stage" text DEFAULT 'planned' NOT NULL,
	"city_code" text NOT NULL,
	"district_code" text NOT NULL,
	"subdistrict_codes" text[] NOT NULL,
	"community_codes" text[] NOT NULL,
	"future_community" boolean DEFAULT false NOT NULL,
	"floor_area_m2" numeric(14, 2) NOT NULL,
	"households" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stage_transitions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"from_stage" text,
	"to_stage" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by_user_id" uuid,
	"by_username" text,
	"by_display_name" text
);
--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_version_catalogue_versions_version_fk" FOREIGN KEY ("version") REFERENCES "public"."catalogue_versions"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prices" ADD CONSTRAINT "prices_price_list_id_price_lists_id_fk" FOREIGN KEY ("price_list_id") REFERENCES "public"."price_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_plan_version_id_plan_versions_id_fk" FOREIGN KEY ("plan_version_id") REFERENCES "public"."plan_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_compounds" ADD CONSTRAINT "project_compounds_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_transitions" ADD CONSTRAINT "stage_transitions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funding_amendments_project_idx" ON "funding_amendments" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "disbursements_project_idx" ON "disbursements" USING btree ("project_id","paid_on");--> statement-breakpoint
CREATE INDEX "funding_checks_project_idx" ON "funding_checks" USING btree ("project_id","id");--> statement-breakpoint
CREATE INDEX "funding_lines_year_district_idx" ON "funding_lines" USING btree ("year","district_code");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_versions_project_version_uq" ON "plan_versions" USING btree ("project_id","version");--> statement-breakpoint
CREATE INDEX "project_compounds_compound_idx" ON "project_compounds" USING btree ("compound_id");--> statement-breakpoint
CREATE INDEX "projects_district_year_idx" ON "projects" USING btree ("district_code","year");--> statement-breakpoint
CREATE INDEX "projects_year_stage_idx" ON "projects" USING btree ("year","stage");--> statement-breakpoint
CREATE INDEX "stage_transitions_project_idx" ON "stage_transitions" USING btree ("project_id","id");