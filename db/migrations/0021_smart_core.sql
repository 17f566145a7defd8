CREATE TABLE "alarm_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"alarm_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"action" text NOT NULL,
	"actor_id" uuid,
	"level" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "alarms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"device_id" uuid NOT NULL,
	"compound_id" uuid NOT NULL,
	"community_code" text NOT NULL,
	"type" text NOT NULL,
	"rule" text NOT NULL,
	"rule_version" text NOT NULL,
	"severity" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"restricted" text DEFAULT 'no' NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"level" text DEFAULT 'compound' NOT NULL,
	"escalate_at" timestamp with time zone,
	"assignee_id" uuid,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"cleared_at" timestamp with time zone,
	"cleared_by" uuid,
	"clear_note" text
);
--> statement-breakpoint
CREATE TABLE "device_events" (
	"device_id" uuid NOT NULL,
	"message_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"compound_id" uuid NOT NULL,
	"type" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "device_events_device_id_message_id_at_pk" PRIMARY KEY("device_id","message_id","at")
) PARTITION BY RANGE ("at");
--> statement-breakpoint
CREATE TABLE "device_status" (
	"device_id" uuid PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'never' NOT NULL,
	"last_seen_at" timestamp with time zone,
	"offline_at" timestamp with time zone,
	"rule_state" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"rejected" bigint DEFAULT 0 NOT NULL,
	"last_rejected_at" timestamp with time zone,
	"last_reject_reason" text
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"compound_id" uuid NOT NULL,
	"community_code" text NOT NULL,
	"building_id" uuid,
	"profile" text NOT NULL,
	"name" text NOT NULL,
	"location" text,
	"vendor" text,
	"model" text,
	"serial" text,
	"gateway_id" uuid,
	"key" text NOT NULL,
	"secret_hash" text,
	"broker_hash" text,
	"credentials_issued_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "devices_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "ingest_rejections" (
	"device_key" text NOT NULL,
	"reason" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	"last_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ingest_rejections_device_key_reason_pk" PRIMARY KEY("device_key","reason")
);
--> statement-breakpoint
CREATE INDEX "alarm_steps_alarm_idx" ON "alarm_steps" USING btree ("alarm_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "alarms_open_uq" ON "alarms" USING btree ("device_id","type") WHERE "alarms"."status" <> 'cleared';--> statement-breakpoint
CREATE INDEX "alarms_compound_idx" ON "alarms" USING btree ("compound_id","status","first_at");--> statement-breakpoint
CREATE INDEX "alarms_community_idx" ON "alarms" USING btree ("community_code","status","first_at");--> statement-breakpoint
CREATE INDEX "alarms_escalate_idx" ON "alarms" USING btree ("escalate_at") WHERE "alarms"."escalate_at" is not null;--> statement-breakpoint
CREATE INDEX "device_events_compound_idx" ON "device_events" USING btree ("compound_id","at");--> statement-breakpoint
CREATE INDEX "device_status_offline_idx" ON "device_status" USING btree ("offline_at") WHERE "device_status"."status" = 'online';--> statement-breakpoint
CREATE INDEX "devices_compound_idx" ON "devices" USING btree ("compound_id","profile");--> statement-breakpoint
CREATE INDEX "devices_community_idx" ON "devices" USING btree ("community_code");--> statement-breakpoint
CREATE INDEX "devices_gateway_idx" ON "devices" USING btree ("gateway_id");--> statement-breakpoint
CREATE UNIQUE INDEX "devices_serial_uq" ON "devices" USING btree ("vendor","serial") WHERE "devices"."serial" is not null;--> statement-breakpoint
-- Hand-written: events outside every day's partition (made ahead by the clock's work) land here rather than fail.
CREATE TABLE "device_events_default" PARTITION OF "device_events" DEFAULT;--> statement-breakpoint
-- Hand-written: the duty console follows alarms live across processes.
CREATE OR REPLACE FUNCTION renova_notify_alarm() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('renova_alarms', json_build_object('id', NEW.id, 'compoundId', NEW.compound_id, 'op', lower(TG_OP))::text);
  RETURN NULL;
END $$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER alarms_notify AFTER INSERT OR UPDATE ON "alarms" FOR EACH ROW EXECUTE FUNCTION renova_notify_alarm();
