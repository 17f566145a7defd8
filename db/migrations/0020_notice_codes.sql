ALTER TABLE "package_notices" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "package_notices" ADD COLUMN "params" jsonb;