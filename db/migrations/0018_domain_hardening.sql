CREATE TABLE "evaluation_institution_members" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"institution_id" uuid NOT NULL,
	"added_by" uuid,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "household_residents" ADD COLUMN "bound_by" uuid;--> statement-breakpoint
ALTER TABLE "evaluation_institution_members" ADD CONSTRAINT "evaluation_institution_members_institution_id_evaluation_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."evaluation_institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evaluation_institution_members_institution_idx" ON "evaluation_institution_members" USING btree ("institution_id");--> statement-breakpoint
-- Bindings added before bound_by existed: who added each is in the audit log (resident.bind).
UPDATE "household_residents" hr SET "bound_by" = a."actor_id"
FROM (
	SELECT DISTINCT ON ("entity_id", "detail"->>'residentId') "entity_id", "detail"->>'residentId' AS resident_id, "actor_id"
	FROM "audit_log" WHERE "action" = 'resident.bind' AND "actor_id" IS NOT NULL
	ORDER BY "entity_id", "detail"->>'residentId', "id"
) a
WHERE hr."bound_by" IS NULL AND a."entity_id" = hr."household_id"::text AND a.resident_id = hr."resident_id"::text;
