CREATE TABLE "repair_follow_ups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"repair_id" uuid NOT NULL,
	"caller_id" uuid NOT NULL,
	"called_at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"note" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "repair_photos" (
	"id" uuid PRIMARY KEY NOT NULL,
	"repair_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"position" integer NOT NULL,
	"sha256" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "repair_ratings" (
	"repair_id" uuid NOT NULL,
	"stars" integer NOT NULL,
	"comment" text,
	"rated_by" uuid NOT NULL,
	"rated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "repair_ratings_repair_id_pk" PRIMARY KEY("repair_id"),
	CONSTRAINT "repair_ratings_stars_ck" CHECK ("repair_ratings"."stars" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "repair_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"repair_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"actor_id" uuid,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "repairs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"compound_id" uuid NOT NULL,
	"community_code" text NOT NULL,
	"household_id" uuid NOT NULL,
	"filed_by" uuid NOT NULL,
	"category" text NOT NULL,
	"rule_version" text NOT NULL,
	"description" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"work_order_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"assignee_id" uuid,
	"overdue_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"completion_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "repair_follow_ups" ADD CONSTRAINT "repair_follow_ups_repair_id_repairs_id_fk" FOREIGN KEY ("repair_id") REFERENCES "public"."repairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_photos" ADD CONSTRAINT "repair_photos_repair_id_repairs_id_fk" FOREIGN KEY ("repair_id") REFERENCES "public"."repairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_ratings" ADD CONSTRAINT "repair_ratings_repair_id_repairs_id_fk" FOREIGN KEY ("repair_id") REFERENCES "public"."repairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_steps" ADD CONSTRAINT "repair_steps_repair_id_repairs_id_fk" FOREIGN KEY ("repair_id") REFERENCES "public"."repairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "repair_follow_ups_repair_idx" ON "repair_follow_ups" USING btree ("repair_id","called_at");--> statement-breakpoint
CREATE UNIQUE INDEX "repair_photos_position_uq" ON "repair_photos" USING btree ("repair_id","stage","position");--> statement-breakpoint
CREATE INDEX "repair_steps_repair_idx" ON "repair_steps" USING btree ("repair_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "repairs_work_order_uq" ON "repairs" USING btree ("work_order_id");--> statement-breakpoint
CREATE INDEX "repairs_community_idx" ON "repairs" USING btree ("community_code","created_at","id");--> statement-breakpoint
CREATE INDEX "repairs_compound_idx" ON "repairs" USING btree ("compound_id","created_at","id");--> statement-breakpoint
CREATE INDEX "repairs_household_idx" ON "repairs" USING btree ("household_id","created_at","id");--> statement-breakpoint
CREATE INDEX "repairs_due_idx" ON "repairs" USING btree ("due_at") WHERE "repairs"."status" in ('open', 'assigned', 'in_progress') and "repairs"."overdue_at" is null;