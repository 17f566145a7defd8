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
ALTER TABLE "exchange_attempts" ADD CONSTRAINT "exchange_attempts_delivery_id_exchange_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."exchange_deliveries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_deliveries" ADD CONSTRAINT "exchange_deliveries_connector_id_exchange_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."exchange_connectors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_links" ADD CONSTRAINT "exchange_links_connector_id_exchange_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."exchange_connectors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_status_reports" ADD CONSTRAINT "exchange_status_reports_connector_id_exchange_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."exchange_connectors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exchange_attempts_delivery_idx" ON "exchange_attempts" USING btree ("delivery_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_connectors_code_uq" ON "exchange_connectors" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_deliveries_event_uq" ON "exchange_deliveries" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_deliveries_source_uq" ON "exchange_deliveries" USING btree ("connector_id","source_event_id");--> statement-breakpoint
CREATE INDEX "exchange_deliveries_connector_idx" ON "exchange_deliveries" USING btree ("connector_id","status","id");--> statement-breakpoint
CREATE INDEX "exchange_deliveries_status_idx" ON "exchange_deliveries" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "exchange_deliveries_grid_event_idx" ON "exchange_deliveries" USING btree ("grid_event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_links_external_uq" ON "exchange_links" USING btree ("connector_id","external_id");--> statement-breakpoint
CREATE INDEX "exchange_links_event_idx" ON "exchange_links" USING btree ("grid_event_id","connector_id");--> statement-breakpoint
CREATE INDEX "exchange_status_reports_event_idx" ON "exchange_status_reports" USING btree ("grid_event_id","received_at");