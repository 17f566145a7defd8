CREATE TABLE "handled_events" (
	"handler" text NOT NULL,
	"event_id" uuid NOT NULL,
	"handled_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "handled_events_handler_event_id_pk" PRIMARY KEY("handler","event_id")
);
--> statement-breakpoint
CREATE INDEX "handled_events_at_idx" ON "handled_events" USING btree ("handled_at");--> statement-breakpoint
-- Jobs of the in-process runner this replaces cannot be resumed by pg-boss: any left unfinished stopped with their process.
UPDATE "jobs" SET "status" = 'failed', "finished_at" = now(),
  "error" = '{"code":"job.interrupted","title":"Interrupted","detail":"The process running this job stopped; nothing of it was written."}'::jsonb
  WHERE "status" IN ('queued', 'running');
