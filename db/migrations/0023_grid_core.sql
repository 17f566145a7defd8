CREATE SEQUENCE "public"."grid_event_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "grid_buildings" (
	"grid_id" uuid NOT NULL,
	"building_id" uuid NOT NULL,
	"compound_id" uuid NOT NULL
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
ALTER TABLE "grid_buildings" ADD CONSTRAINT "grid_buildings_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_event_photos" ADD CONSTRAINT "grid_event_photos_event_id_grid_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."grid_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_event_ratings" ADD CONSTRAINT "grid_event_ratings_event_id_grid_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."grid_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_event_steps" ADD CONSTRAINT "grid_event_steps_event_id_grid_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."grid_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_workers" ADD CONSTRAINT "grid_workers_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_checkins" ADD CONSTRAINT "patrol_checkins_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "grid_buildings_building_uq" ON "grid_buildings" USING btree ("building_id");--> statement-breakpoint
CREATE INDEX "grid_buildings_grid_idx" ON "grid_buildings" USING btree ("grid_id","compound_id");--> statement-breakpoint
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
CREATE INDEX "patrol_checkins_account_idx" ON "patrol_checkins" USING btree ("account_id","at");