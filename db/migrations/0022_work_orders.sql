CREATE TABLE "work_order_callbacks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"work_order_id" uuid NOT NULL,
	"caller_id" uuid NOT NULL,
	"called_at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"note" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_order_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"work_order_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"action" text NOT NULL,
	"actor_id" uuid,
	"assignee_id" uuid,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "work_orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"source_kind" text NOT NULL,
	"source_id" text,
	"compound_id" uuid NOT NULL,
	"community_code" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"priority" text DEFAULT 'normal' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"assignee_id" uuid,
	"due_at" timestamp with time zone,
	"callback_required" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"completed_by" uuid,
	"completion_note" text,
	"photo_sha256" text,
	"photo_filename" text,
	"photo_content_type" text,
	"photo_size_bytes" integer,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text
);
--> statement-breakpoint
ALTER TABLE "work_order_callbacks" ADD CONSTRAINT "work_order_callbacks_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_steps" ADD CONSTRAINT "work_order_steps_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "work_order_callbacks_order_idx" ON "work_order_callbacks" USING btree ("work_order_id","called_at");--> statement-breakpoint
CREATE INDEX "work_order_steps_order_idx" ON "work_order_steps" USING btree ("work_order_id","at");--> statement-breakpoint
CREATE INDEX "work_orders_compound_idx" ON "work_orders" USING btree ("compound_id","status","created_at");--> statement-breakpoint
CREATE INDEX "work_orders_community_idx" ON "work_orders" USING btree ("community_code","status","created_at");--> statement-breakpoint
CREATE INDEX "work_orders_assignee_idx" ON "work_orders" USING btree ("assignee_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "work_orders_open_source_uq" ON "work_orders" USING btree ("source_kind","source_id") WHERE "work_orders"."source_id" is not null and "work_orders"."status" not in ('done', 'cancelled');