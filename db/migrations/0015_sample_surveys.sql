CREATE TABLE "sample_survey_households" (
	"survey_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"district_code" text NOT NULL,
	"compound_id" uuid NOT NULL,
	"draw_order" integer NOT NULL,
	"answer" text,
	"entered_by" uuid,
	"entered_by_username" text,
	"entered_at" timestamp with time zone,
	CONSTRAINT "sample_survey_households_survey_id_household_id_pk" PRIMARY KEY("survey_id","household_id")
);
--> statement-breakpoint
CREATE TABLE "sample_survey_strata" (
	"survey_id" uuid NOT NULL,
	"district_code" text NOT NULL,
	"frame_size" integer NOT NULL,
	"sample_size" integer NOT NULL,
	CONSTRAINT "sample_survey_strata_survey_id_district_code_pk" PRIMARY KEY("survey_id","district_code")
);
--> statement-breakpoint
CREATE TABLE "sample_surveys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" text NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"seed" text NOT NULL,
	"total_size" integer NOT NULL,
	"frame_size" integer NOT NULL,
	"rule_key" text NOT NULL,
	"rule_version" text NOT NULL,
	"institution_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"created_by_username" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_by" uuid,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
-- A3.1 (satisfaction) is now computed from the surveys; its entered counts, the only rows without points, go.
DELETE FROM "assessment_entries" WHERE "points_hundredths" IS NULL;--> statement-breakpoint
ALTER TABLE "assessment_entries" ALTER COLUMN "points_hundredths" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "sample_survey_households" ADD CONSTRAINT "sample_survey_households_survey_id_sample_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."sample_surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sample_survey_strata" ADD CONSTRAINT "sample_survey_strata_survey_id_sample_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."sample_surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sample_surveys" ADD CONSTRAINT "sample_surveys_institution_id_evaluation_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."evaluation_institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sample_survey_households_order_uq" ON "sample_survey_households" USING btree ("survey_id","district_code","draw_order");--> statement-breakpoint
CREATE INDEX "sample_surveys_city_year_idx" ON "sample_surveys" USING btree ("city_code","year","id");--> statement-breakpoint
ALTER TABLE "assessment_entries" DROP COLUMN "satisfied";--> statement-breakpoint
ALTER TABLE "assessment_entries" DROP COLUMN "answered";