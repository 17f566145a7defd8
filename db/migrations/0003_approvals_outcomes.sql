CREATE TABLE "approval_consultations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"lead_department" text NOT NULL,
	"departments" text[] NOT NULL,
	"minutes" text,
	"decisions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_by_username" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"step" text NOT NULL,
	"material_type" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_by_username" text,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_steps" (
	"project_id" uuid NOT NULL,
	"step" text NOT NULL,
	"status" text NOT NULL,
	"consultation_id" uuid,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "approval_steps_project_id_step_pk" PRIMARY KEY("project_id","step")
);
--> statement-breakpoint
CREATE TABLE "project_outcomes" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"parking_spaces_added" integer NOT NULL,
	"lifts_installed" integer NOT NULL,
	"lift_positions_reserved" integer NOT NULL,
	"public_service_space_m2" numeric(12, 2) NOT NULL,
	"fitness_space_m2" numeric(12, 2) NOT NULL,
	"barrier_free_age_friendly_items" integer NOT NULL,
	"state_owned_rooms_m2" numeric(12, 2) NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "approval_steps" ADD CONSTRAINT "approval_steps_consultation_id_approval_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."approval_consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_outcomes" ADD CONSTRAINT "project_outcomes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "approval_consultations_project_idx" ON "approval_consultations" USING btree ("project_id","held_on");--> statement-breakpoint
CREATE INDEX "approval_documents_project_idx" ON "approval_documents" USING btree ("project_id","step");