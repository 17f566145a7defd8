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
--> statement-breakpoint
-- Every process caches sessions briefly; a change to an account or the end of a session tells them all at once.
CREATE OR REPLACE FUNCTION renova_notify_user_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('renova_users', COALESCE(NEW.id, OLD.id)::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_changed_notify AFTER UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION renova_notify_user_changed();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION renova_notify_session_ended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('renova_sessions', OLD.token_hash);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sessions_ended_notify AFTER DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION renova_notify_session_ended();
--> statement-breakpoint
-- Sign-in attempts per address, counted across processes (a fixed one-minute window per key).
CREATE UNLOGGED TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL
);
