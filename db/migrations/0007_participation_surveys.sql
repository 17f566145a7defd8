CREATE TABLE "survey_response_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"survey_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"answers" jsonb NOT NULL,
	"sheet_no" text,
	"scan_ref" text,
	"entered_by" uuid NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "survey_response_history_paper_sheet" CHECK ("survey_response_history"."channel" <> 'paper' or "survey_response_history"."sheet_no" is not null)
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"survey_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"history_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"answers" jsonb NOT NULL,
	"sheet_no" text,
	"scan_ref" text,
	"entered_by" uuid NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "survey_responses_survey_id_household_id_pk" PRIMARY KEY("survey_id","household_id")
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"questions" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_by" uuid NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "survey_response_history" ADD CONSTRAINT "survey_response_history_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_history_id_survey_response_history_id_fk" FOREIGN KEY ("history_id") REFERENCES "public"."survey_response_history"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_response_history_household_idx" ON "survey_response_history" USING btree ("survey_id","household_id");--> statement-breakpoint
CREATE INDEX "survey_responses_history_idx" ON "survey_responses" USING btree ("history_id");--> statement-breakpoint
CREATE INDEX "surveys_project_idx" ON "surveys" USING btree ("project_id","kind");