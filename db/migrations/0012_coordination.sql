CREATE TABLE "work_blackouts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" text NOT NULL,
	"compound_id" uuid,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "department_crews" (
	"city_code" text NOT NULL,
	"department" text NOT NULL,
	"crews" integer NOT NULL,
	CONSTRAINT "department_crews_city_code_department_pk" PRIMARY KEY("city_code","department")
);
--> statement-breakpoint
CREATE TABLE "package_notices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"department" text NOT NULL,
	"schedule_id" uuid NOT NULL,
	"package_id" uuid NOT NULL,
	"message" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "plan_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"department" text NOT NULL,
	"decision" text NOT NULL,
	"comments" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "precedence_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" text NOT NULL,
	"before_kind" text NOT NULL,
	"after_kind" text NOT NULL,
	"lag_days" integer DEFAULT 0 NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "schedule_packages" (
	"schedule_id" uuid NOT NULL,
	"package_id" uuid NOT NULL,
	"start" integer NOT NULL,
	"end" integer NOT NULL,
	"baseline_start" integer NOT NULL,
	"baseline_end" integer NOT NULL,
	CONSTRAINT "schedule_packages_schedule_id_package_id_pk" PRIMARY KEY("schedule_id","package_id")
);
--> statement-breakpoint
CREATE TABLE "schedules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"division" text NOT NULL,
	"status" text NOT NULL,
	"starts_on" date NOT NULL,
	"replan_of" uuid,
	"today" integer,
	"coordinated" jsonb,
	"baseline" jsonb,
	"error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_packages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"compound_id" uuid NOT NULL,
	"project_name" text NOT NULL,
	"compound_name" text NOT NULL,
	"community_code" text NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"department" text NOT NULL,
	"duration_days" integer NOT NULL,
	"crews" integer NOT NULL,
	"opens_ground" boolean NOT NULL,
	"blocks_access" boolean DEFAULT false NOT NULL,
	"plan_item_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"started_on" date,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "schedule_packages" ADD CONSTRAINT "schedule_packages_schedule_id_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."schedules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "work_blackouts_city_idx" ON "work_blackouts" USING btree ("city_code","from_date");--> statement-breakpoint
CREATE INDEX "package_notices_department_idx" ON "package_notices" USING btree ("department","created_at");--> statement-breakpoint
CREATE INDEX "plan_reviews_project_idx" ON "plan_reviews" USING btree ("project_id","department","decided_at");--> statement-breakpoint
CREATE UNIQUE INDEX "precedence_rules_uq" ON "precedence_rules" USING btree ("city_code","before_kind","after_kind");--> statement-breakpoint
CREATE INDEX "schedules_year_idx" ON "schedules" USING btree ("year","division","created_at");--> statement-breakpoint
CREATE INDEX "work_packages_year_idx" ON "work_packages" USING btree ("year","community_code");--> statement-breakpoint
CREATE INDEX "work_packages_project_idx" ON "work_packages" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "work_packages_one_kind_uq" ON "work_packages" USING btree ("project_id","compound_id","kind");