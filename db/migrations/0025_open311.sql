CREATE TABLE "open311_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"partner" text NOT NULL,
	"key_hash" text NOT NULL,
	"key_prefix" text NOT NULL,
	"service_codes" text[],
	"jurisdiction" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	CONSTRAINT "open311_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "open311_tokens" (
	"token" text PRIMARY KEY NOT NULL,
	"grid_event_id" uuid NOT NULL,
	"key_id" uuid NOT NULL,
	"partner" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "open311_tokens" ADD CONSTRAINT "open311_tokens_key_id_open311_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."open311_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "open311_keys_partner_idx" ON "open311_keys" USING btree ("partner","created_at");--> statement-breakpoint
CREATE INDEX "open311_tokens_event_idx" ON "open311_tokens" USING btree ("grid_event_id","partner");