CREATE TABLE "deliberation_meetings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"body" text NOT NULL,
	"held_on" date NOT NULL,
	"agenda" text[] NOT NULL,
	"attendees" integer NOT NULL,
	"attendee_resident_ids" uuid[] NOT NULL,
	"minutes" text NOT NULL,
	"resolutions" jsonb NOT NULL,
	"plan_versions" integer[] NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "deliberation_meetings_project_idx" ON "deliberation_meetings" USING btree ("project_id","held_on");