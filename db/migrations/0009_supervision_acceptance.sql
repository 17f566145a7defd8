CREATE TABLE "completion_acceptances" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"passed" boolean NOT NULL,
	"signatories" jsonb NOT NULL,
	"notes" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "works_defects" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"reported_by_role" text NOT NULL,
	"building" text,
	"description" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"reported_by" uuid,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "completion_acceptances_project_idx" ON "completion_acceptances" USING btree ("project_id","held_on");--> statement-breakpoint
CREATE INDEX "works_defects_project_idx" ON "works_defects" USING btree ("project_id","status");