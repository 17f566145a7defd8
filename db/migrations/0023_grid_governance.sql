CREATE SEQUENCE "public"."grid_event_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "exchange_attempts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"delivery_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"replay" boolean DEFAULT false NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"status_code" integer,
	"error" text,
	"duration_ms" integer NOT NULL,
	"ok" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_connectors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"endpoint_url" text NOT NULL,
	"secret_sealed" text NOT NULL,
	"kinds" text[] NOT NULL,
	"categories" text[] NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"max_tries" integer DEFAULT 8 NOT NULL,
	"backoff_seconds" integer DEFAULT 10 NOT NULL,
	"timeout_seconds" integer DEFAULT 10 NOT NULL,
	"secret_rotated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_deliveries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"connector_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"source_event_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"grid_event_id" uuid NOT NULL,
	"category" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"replays" integer DEFAULT 0 NOT NULL,
	"last_status_code" integer,
	"last_error" text,
	"last_attempt_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"parked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_links" (
	"id" uuid PRIMARY KEY NOT NULL,
	"connector_id" uuid NOT NULL,
	"grid_event_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"external_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_status_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"connector_id" uuid NOT NULL,
	"grid_event_id" uuid NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"occurred_at" timestamp with time zone,
	"applied" boolean NOT NULL,
	"state_after" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grid_buildings" (
	"grid_id" uuid NOT NULL,
	"building_id" uuid NOT NULL,
	"compound_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grid_event_followers" (
	"event_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"relation" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grid_event_followers_event_id_account_id_pk" PRIMARY KEY("event_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "grid_event_photos" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid,
	"step_id" uuid,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sha256" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grid_event_ratings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"score" smallint NOT NULL,
	"comment" text,
	"by_account_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grid_event_ratings_score_ck" CHECK ("grid_event_ratings"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "grid_event_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"action" text NOT NULL,
	"actor_id" uuid,
	"actor_role" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"lat" numeric(8, 6),
	"lng" numeric(9, 6),
	"from_state" text,
	"to_state" text,
	"level" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "grid_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint DEFAULT nextval('grid_event_seq') NOT NULL,
	"category" text NOT NULL,
	"category_version" text NOT NULL,
	"description" text NOT NULL,
	"state" text NOT NULL,
	"level" text NOT NULL,
	"responsible" text NOT NULL,
	"source" text NOT NULL,
	"platform" text,
	"source_ref" text,
	"compound_id" uuid,
	"community_code" text NOT NULL,
	"subdistrict_code" text,
	"building_id" uuid,
	"grid_id" uuid,
	"lat" numeric(8, 6),
	"lng" numeric(9, 6),
	"address_text" text,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"media_url" text,
	"anonymous" boolean DEFAULT false NOT NULL,
	"reporter_account_id" uuid,
	"reporter_resident_id" uuid,
	"assignee_id" uuid,
	"reported_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"escalate_at" timestamp with time zone,
	"overdue_since" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"merged_into_id" uuid,
	"reopened_count" integer DEFAULT 0 NOT NULL,
	"work_order_id" uuid
);
--> statement-breakpoint
CREATE TABLE "grid_workers" (
	"grid_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"since" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grids" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_code" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"polygon" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patrol_checkins" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"grid_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"lat" numeric(8, 6),
	"lng" numeric(9, 6),
	"note" text
);
--> statement-breakpoint
CREATE TABLE "open311_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"partner" text NOT NULL,
	"key_hash" text NOT NULL,
	"key_prefix" text NOT NULL,
	"service_codes" text[],
	"jurisdiction" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	CONSTRAINT "open311_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "open311_tokens" (
	"token" text PRIMARY KEY NOT NULL,
	"grid_event_id" uuid NOT NULL,
	"key_id" uuid NOT NULL,
	"partner" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "exchange_attempts" ADD CONSTRAINT "exchange_attempts_delivery_id_exchange_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."exchange_deliveries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_deliveries" ADD CONSTRAINT "exchange_deliveries_connector_id_exchange_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."exchange_connectors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_links" ADD CONSTRAINT "exchange_links_connector_id_exchange_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."exchange_connectors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_status_reports" ADD CONSTRAINT "exchange_status_reports_connector_id_exchange_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."exchange_connectors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_buildings" ADD CONSTRAINT "grid_buildings_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_event_followers" ADD CONSTRAINT "grid_event_followers_event_id_grid_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."grid_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_event_photos" ADD CONSTRAINT "grid_event_photos_event_id_grid_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."grid_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_event_ratings" ADD CONSTRAINT "grid_event_ratings_event_id_grid_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."grid_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_event_steps" ADD CONSTRAINT "grid_event_steps_event_id_grid_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."grid_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_workers" ADD CONSTRAINT "grid_workers_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_checkins" ADD CONSTRAINT "patrol_checkins_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_tokens" ADD CONSTRAINT "open311_tokens_key_id_open311_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."open311_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exchange_attempts_delivery_idx" ON "exchange_attempts" USING btree ("delivery_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_connectors_code_uq" ON "exchange_connectors" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_deliveries_event_uq" ON "exchange_deliveries" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_deliveries_source_uq" ON "exchange_deliveries" USING btree ("connector_id","source_event_id");--> statement-breakpoint
CREATE INDEX "exchange_deliveries_connector_idx" ON "exchange_deliveries" USING btree ("connector_id","status","id");--> statement-breakpoint
CREATE INDEX "exchange_deliveries_status_idx" ON "exchange_deliveries" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "exchange_deliveries_grid_event_idx" ON "exchange_deliveries" USING btree ("grid_event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_links_external_uq" ON "exchange_links" USING btree ("connector_id","external_id");--> statement-breakpoint
CREATE INDEX "exchange_links_event_idx" ON "exchange_links" USING btree ("grid_event_id","connector_id");--> statement-breakpoint
CREATE INDEX "exchange_status_reports_event_idx" ON "exchange_status_reports" USING btree ("grid_event_id","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "grid_buildings_building_uq" ON "grid_buildings" USING btree ("building_id");--> statement-breakpoint
CREATE INDEX "grid_buildings_grid_idx" ON "grid_buildings" USING btree ("grid_id","compound_id");--> statement-breakpoint
CREATE INDEX "grid_event_followers_account_idx" ON "grid_event_followers" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "grid_event_photos_event_idx" ON "grid_event_photos" USING btree ("event_id","uploaded_at");--> statement-breakpoint
CREATE INDEX "grid_event_photos_uploader_idx" ON "grid_event_photos" USING btree ("uploaded_by");--> statement-breakpoint
CREATE UNIQUE INDEX "grid_event_ratings_event_uq" ON "grid_event_ratings" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "grid_event_steps_event_idx" ON "grid_event_steps" USING btree ("event_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "grid_events_seq_uq" ON "grid_events" USING btree ("seq");--> statement-breakpoint
CREATE UNIQUE INDEX "grid_events_source_uq" ON "grid_events" USING btree ("source",coalesce("platform", ''),"source_ref") WHERE "grid_events"."source_ref" is not null;--> statement-breakpoint
CREATE INDEX "grid_events_open_near_idx" ON "grid_events" USING btree ("category","lat","lng") WHERE "grid_events"."state" <> 'closed' and "grid_events"."lat" is not null;--> statement-breakpoint
CREATE INDEX "grid_events_due_idx" ON "grid_events" USING btree ("due_at") WHERE "grid_events"."state" <> 'closed' and "grid_events"."overdue_since" is null;--> statement-breakpoint
CREATE INDEX "grid_events_escalate_idx" ON "grid_events" USING btree ("escalate_at") WHERE "grid_events"."state" <> 'closed' and "grid_events"."escalate_at" is not null;--> statement-breakpoint
CREATE INDEX "grid_events_reported_idx" ON "grid_events" USING btree ("reported_at","id");--> statement-breakpoint
CREATE INDEX "grid_events_category_idx" ON "grid_events" USING btree ("category","reported_at");--> statement-breakpoint
CREATE INDEX "grid_events_state_due_idx" ON "grid_events" USING btree ("state","due_at");--> statement-breakpoint
CREATE INDEX "grid_events_community_idx" ON "grid_events" USING btree ("community_code","reported_at");--> statement-breakpoint
CREATE INDEX "grid_events_grid_idx" ON "grid_events" USING btree ("grid_id","reported_at");--> statement-breakpoint
CREATE INDEX "grid_events_compound_idx" ON "grid_events" USING btree ("compound_id","reported_at");--> statement-breakpoint
CREATE INDEX "grid_events_reporter_idx" ON "grid_events" USING btree ("reporter_account_id","reported_at");--> statement-breakpoint
CREATE UNIQUE INDEX "grid_workers_uq" ON "grid_workers" USING btree ("grid_id","account_id");--> statement-breakpoint
CREATE INDEX "grid_workers_account_idx" ON "grid_workers" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "grids_community_code_uq" ON "grids" USING btree ("community_code","code");--> statement-breakpoint
CREATE INDEX "patrol_checkins_grid_idx" ON "patrol_checkins" USING btree ("grid_id","at");--> statement-breakpoint
CREATE INDEX "patrol_checkins_account_idx" ON "patrol_checkins" USING btree ("account_id","at");--> statement-breakpoint
CREATE INDEX "open311_keys_partner_idx" ON "open311_keys" USING btree ("partner","created_at");--> statement-breakpoint
CREATE INDEX "open311_tokens_event_idx" ON "open311_tokens" USING btree ("grid_event_id","partner");