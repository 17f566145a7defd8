CREATE TABLE "grid_event_followers" (
	"event_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"relation" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grid_event_followers_event_id_account_id_pk" PRIMARY KEY("event_id","account_id")
);
--> statement-breakpoint
ALTER TABLE "grid_event_followers" ADD CONSTRAINT "grid_event_followers_event_id_grid_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."grid_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "grid_event_followers_account_idx" ON "grid_event_followers" USING btree ("account_id","created_at");