CREATE TABLE "evaluation_engagements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"institution_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_project_id" uuid,
	"subject_division" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_findings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"engagement_id" uuid NOT NULL,
	"text" text NOT NULL,
	"severity" text NOT NULL,
	"responsible_division" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closing_note" text,
	"closed_by" uuid,
	"closed_by_username" text,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_institutions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"credit_code" text,
	"kind" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"engagement_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exemplary_awards" (
	"id" uuid PRIMARY KEY NOT NULL,
	"selection_id" uuid NOT NULL,
	"nomination_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"awarded_by" uuid,
	"awarded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exemplary_conflicts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"selection_id" uuid NOT NULL,
	"nomination_id" uuid NOT NULL,
	"juror_id" uuid NOT NULL,
	"district_code" text NOT NULL,
	"attempted_by" uuid,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exemplary_jurors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"selection_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"district_code" text,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exemplary_nominations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"selection_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"project_id" uuid NOT NULL,
	"project_name" text,
	"district_code" text NOT NULL,
	"nominated_by" uuid,
	"nominated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exemplary_scores" (
	"nomination_id" uuid NOT NULL,
	"juror_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	"points" integer NOT NULL,
	"entered_by" uuid,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exemplary_scores_nomination_id_juror_id_item_code_pk" PRIMARY KEY("nomination_id","juror_id","item_code")
);
--> statement-breakpoint
CREATE TABLE "exemplary_selections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"sheet" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "evaluation_engagements" ADD CONSTRAINT "evaluation_engagements_institution_id_evaluation_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."evaluation_institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_findings" ADD CONSTRAINT "evaluation_findings_engagement_id_evaluation_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."evaluation_engagements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_reports" ADD CONSTRAINT "evaluation_reports_engagement_id_evaluation_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."evaluation_engagements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exemplary_awards" ADD CONSTRAINT "exemplary_awards_selection_id_exemplary_selections_id_fk" FOREIGN KEY ("selection_id") REFERENCES "public"."exemplary_selections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exemplary_jurors" ADD CONSTRAINT "exemplary_jurors_selection_id_exemplary_selections_id_fk" FOREIGN KEY ("selection_id") REFERENCES "public"."exemplary_selections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exemplary_nominations" ADD CONSTRAINT "exemplary_nominations_selection_id_exemplary_selections_id_fk" FOREIGN KEY ("selection_id") REFERENCES "public"."exemplary_selections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exemplary_scores" ADD CONSTRAINT "exemplary_scores_nomination_id_exemplary_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."exemplary_nominations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exemplary_scores" ADD CONSTRAINT "exemplary_scores_juror_id_exemplary_jurors_id_fk" FOREIGN KEY ("juror_id") REFERENCES "public"."exemplary_jurors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evaluation_engagements_division_idx" ON "evaluation_engagements" USING btree ("subject_division");--> statement-breakpoint
CREATE INDEX "evaluation_engagements_project_idx" ON "evaluation_engagements" USING btree ("subject_project_id");--> statement-breakpoint
CREATE INDEX "evaluation_findings_engagement_idx" ON "evaluation_findings" USING btree ("engagement_id");--> statement-breakpoint
CREATE INDEX "evaluation_findings_office_idx" ON "evaluation_findings" USING btree ("responsible_division","due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_institutions_credit_code_uq" ON "evaluation_institutions" USING btree ("credit_code");--> statement-breakpoint
CREATE INDEX "evaluation_institutions_name_idx" ON "evaluation_institutions" USING btree ("name");--> statement-breakpoint
CREATE INDEX "evaluation_reports_engagement_idx" ON "evaluation_reports" USING btree ("engagement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exemplary_awards_nomination_uq" ON "exemplary_awards" USING btree ("nomination_id");--> statement-breakpoint
CREATE INDEX "exemplary_awards_project_idx" ON "exemplary_awards" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "exemplary_conflicts_selection_idx" ON "exemplary_conflicts" USING btree ("selection_id","attempted_at");--> statement-breakpoint
CREATE INDEX "exemplary_jurors_selection_idx" ON "exemplary_jurors" USING btree ("selection_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exemplary_nominations_year_project_uq" ON "exemplary_nominations" USING btree ("year","project_id");--> statement-breakpoint
CREATE INDEX "exemplary_nominations_selection_idx" ON "exemplary_nominations" USING btree ("selection_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exemplary_selections_year_uq" ON "exemplary_selections" USING btree ("year");