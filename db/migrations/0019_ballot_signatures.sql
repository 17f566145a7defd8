ALTER TABLE "ballot_chain" ADD COLUMN "signature" text;--> statement-breakpoint
ALTER TABLE "ballot_chain" ADD COLUMN "key_id" text;