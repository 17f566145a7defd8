CREATE TABLE "login_codes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"phone_hash" text NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "governance_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_governance" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"party_organisation" text,
	"party_service_station" text,
	"owners_committee" jsonb,
	"property_company_id" uuid,
	"management_mode" text,
	"management_mode_ballot_id" uuid,
	"management_mode_adopted_on" date,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "property_companies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"credit_code" text NOT NULL,
	"district_code" text NOT NULL,
	"qualification" text,
	"status" text DEFAULT 'active' NOT NULL,
	"registered_by" uuid,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ballots" ADD COLUMN "proposal" text;--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "phone_hash" text;--> statement-breakpoint
ALTER TABLE "project_governance" ADD CONSTRAINT "project_governance_property_company_id_property_companies_id_fk" FOREIGN KEY ("property_company_id") REFERENCES "public"."property_companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "login_codes_phone_idx" ON "login_codes" USING btree ("phone_hash","created_at");--> statement-breakpoint
CREATE INDEX "governance_documents_project_idx" ON "governance_documents" USING btree ("project_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "property_companies_credit_code_uq" ON "property_companies" USING btree ("credit_code");--> statement-breakpoint
CREATE INDEX "property_companies_district_idx" ON "property_companies" USING btree ("district_code","name");--> statement-breakpoint
CREATE INDEX "residents_phone_hash_idx" ON "residents" USING btree ("phone_hash") WHERE phone_hash is not null;