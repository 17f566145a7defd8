CREATE TABLE "ballot_chain" (
	"ballot_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"type" text NOT NULL,
	"history_id" uuid,
	"record" jsonb,
	"hash" text NOT NULL,
	CONSTRAINT "ballot_chain_ballot_id_position_pk" PRIMARY KEY("ballot_id","position"),
	CONSTRAINT "ballot_chain_one_of" CHECK (("ballot_chain"."history_id" is null) <> ("ballot_chain"."record" is null))
);
--> statement-breakpoint
CREATE TABLE "ballot_electorate" (
	"ballot_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	CONSTRAINT "ballot_electorate_ballot_id_household_id_pk" PRIMARY KEY("ballot_id","household_id")
);
--> statement-breakpoint
CREATE TABLE "ballot_idempotency" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"ballot_id" uuid NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ballot_idempotency_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "ballot_paper_keyings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ballot_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"sheet_no" text NOT NULL,
	"choice" text NOT NULL,
	"scan_ref" text,
	"keyed_by" uuid NOT NULL,
	"keyed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ballot_vote_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ballot_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"choice" text NOT NULL,
	"channel" text NOT NULL,
	"evidence" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"receipt" text NOT NULL,
	"by_user_id" uuid NOT NULL,
	"cast_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ballot_votes" (
	"ballot_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"history_id" uuid NOT NULL,
	"choice" text NOT NULL,
	"channel" text NOT NULL,
	"receipt" text NOT NULL,
	"cast_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ballot_votes_ballot_id_household_id_pk" PRIMARY KEY("ballot_id","household_id")
);
--> statement-breakpoint
CREATE TABLE "ballots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"plan_version" integer,
	"revote" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"rule_key" text NOT NULL,
	"electorate_hash" text NOT NULL,
	"eligible" integer NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"opened_by" uuid NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"result" jsonb,
	"chain_head" text
);
--> statement-breakpoint
ALTER TABLE "ballot_chain" ADD CONSTRAINT "ballot_chain_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_chain" ADD CONSTRAINT "ballot_chain_history_id_ballot_vote_history_id_fk" FOREIGN KEY ("history_id") REFERENCES "public"."ballot_vote_history"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_electorate" ADD CONSTRAINT "ballot_electorate_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_idempotency" ADD CONSTRAINT "ballot_idempotency_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_paper_keyings" ADD CONSTRAINT "ballot_paper_keyings_electorate_fk" FOREIGN KEY ("ballot_id","household_id") REFERENCES "public"."ballot_electorate"("ballot_id","household_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_vote_history" ADD CONSTRAINT "ballot_vote_history_electorate_fk" FOREIGN KEY ("ballot_id","household_id") REFERENCES "public"."ballot_electorate"("ballot_id","household_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_votes" ADD CONSTRAINT "ballot_votes_history_id_ballot_vote_history_id_fk" FOREIGN KEY ("history_id") REFERENCES "public"."ballot_vote_history"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_votes" ADD CONSTRAINT "ballot_votes_electorate_fk" FOREIGN KEY ("ballot_id","household_id") REFERENCES "public"."ballot_electorate"("ballot_id","household_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ballot_chain_history_idx" ON "ballot_chain" USING btree ("history_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ballot_paper_keyings_once_uq" ON "ballot_paper_keyings" USING btree ("ballot_id","household_id","sheet_no","keyed_by");--> statement-breakpoint
CREATE INDEX "ballot_vote_history_household_idx" ON "ballot_vote_history" USING btree ("ballot_id","household_id");--> statement-breakpoint
CREATE INDEX "ballots_project_idx" ON "ballots" USING btree ("project_id","kind");