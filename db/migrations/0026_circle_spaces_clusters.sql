CREATE TABLE "circle_cluster_checklist" (
	"cluster_id" uuid NOT NULL,
	"item" text NOT NULL,
	"done" boolean DEFAULT false NOT NULL,
	"note" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "circle_cluster_checklist_cluster_id_item_pk" PRIMARY KEY("cluster_id","item")
);
--> statement-breakpoint
CREATE TABLE "circle_clusters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"district_code" text NOT NULL,
	"community_codes" text[] NOT NULL,
	"compound_ids" uuid[] NOT NULL,
	"project_id" uuid,
	"year" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "circle_space_resources" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"area_m2" numeric(12, 2) NOT NULL,
	"owner" text NOT NULL,
	"latitude" numeric(8, 6) NOT NULL,
	"longitude" numeric(9, 6) NOT NULL,
	"compound_id" uuid,
	"division_code" text NOT NULL,
	"address" text,
	"condition" text,
	"status" text DEFAULT 'offered' NOT NULL,
	"allocated_to" text,
	"need" text,
	"facility_kind" text,
	"facility_id" uuid,
	"converted_at" timestamp with time zone,
	"status_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "circle_space_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"space_id" uuid NOT NULL,
	"status" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_username" text,
	"note" text
);
--> statement-breakpoint
ALTER TABLE "circle_cluster_checklist" ADD CONSTRAINT "circle_cluster_checklist_cluster_id_circle_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."circle_clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circle_space_steps" ADD CONSTRAINT "circle_space_steps_space_id_circle_space_resources_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."circle_space_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "circle_clusters_district_idx" ON "circle_clusters" USING btree ("district_code","created_at");--> statement-breakpoint
CREATE INDEX "circle_space_resources_place_idx" ON "circle_space_resources" USING btree ("latitude","longitude");--> statement-breakpoint
CREATE INDEX "circle_space_resources_division_idx" ON "circle_space_resources" USING btree ("division_code","id");--> statement-breakpoint
CREATE INDEX "circle_space_resources_status_idx" ON "circle_space_resources" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "circle_space_steps_space_idx" ON "circle_space_steps" USING btree ("space_id","at");