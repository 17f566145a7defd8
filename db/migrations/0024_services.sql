CREATE SEQUENCE "public"."service_order_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "care_family_links" (
	"profile_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"relation" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_family_links_profile_id_resident_id_pk" PRIMARY KEY("profile_id","resident_id")
);
--> statement-breakpoint
CREATE TABLE "care_profiles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"resident_id" uuid,
	"compound_id" uuid NOT NULL,
	"household_id" uuid,
	"community_code" text NOT NULL,
	"lat" numeric(8, 6),
	"lng" numeric(9, 6),
	"name_enc" text NOT NULL,
	"name_masked" text NOT NULL,
	"phone_enc" text,
	"phone_masked" text,
	"birth_date_enc" text NOT NULL,
	"birth_year" smallint NOT NULL,
	"gender" text NOT NULL,
	"living_alone" boolean DEFAULT false NOT NULL,
	"care_level" text NOT NULL,
	"needs" text[] DEFAULT '{}'::text[] NOT NULL,
	"carer_gender" text,
	"dialect" text,
	"notes_enc" text,
	"fake" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_complaints" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"provider_id" uuid,
	"community_code" text NOT NULL,
	"text" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"filed_by" uuid,
	"filed_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_offerings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"provider_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"price_fen" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_offerings_price_ck" CHECK ("service_offerings"."price_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "service_offers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"offering_id" uuid NOT NULL,
	"slot_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"score" integer NOT NULL,
	"by_hand" boolean DEFAULT false NOT NULL,
	"offered_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answer" text DEFAULT 'pending' NOT NULL,
	"answered_at" timestamp with time zone,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "service_orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint DEFAULT nextval('service_order_seq') NOT NULL,
	"kind" text NOT NULL,
	"profile_id" uuid NOT NULL,
	"compound_id" uuid NOT NULL,
	"household_id" uuid,
	"community_code" text NOT NULL,
	"ordered_by" uuid,
	"ordered_as" text NOT NULL,
	"dispatch_mode" text NOT NULL,
	"status" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"note" text,
	"provider_id" uuid,
	"offering_id" uuid,
	"slot_id" uuid,
	"price_fen" integer,
	"subsidy_fen" integer,
	"subsidy_rule" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"offered_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"check_in_at" timestamp with time zone,
	"check_in_lat" numeric(8, 6),
	"check_in_lng" numeric(9, 6),
	"check_out_at" timestamp with time zone,
	"check_out_lat" numeric(8, 6),
	"check_out_lng" numeric(9, 6),
	"service_note" text,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "service_provider_accounts" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"provider_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_provider_compounds" (
	"compound_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	CONSTRAINT "service_provider_compounds_compound_id_provider_id_pk" PRIMARY KEY("compound_id","provider_id")
);
--> statement-breakpoint
CREATE TABLE "service_providers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"gender" text,
	"dialects" text[] DEFAULT '{}'::text[] NOT NULL,
	"community_code" text NOT NULL,
	"lat" numeric(8, 6) NOT NULL,
	"lng" numeric(9, 6) NOT NULL,
	"rating_sum" integer DEFAULT 0 NOT NULL,
	"rating_count" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_qualifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"provider_id" uuid NOT NULL,
	"code" text NOT NULL,
	"ref" text,
	"valid_until" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_ratings" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"provider_id" uuid NOT NULL,
	"stars" smallint NOT NULL,
	"comment" text,
	"by_account_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_ratings_stars_ck" CHECK ("service_ratings"."stars" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "service_slots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"offering_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "service_slots_capacity_ck" CHECK ("service_slots"."capacity" > 0 and "service_slots"."booked" >= 0 and "service_slots"."booked" <= "service_slots"."capacity"),
	CONSTRAINT "service_slots_window_ck" CHECK ("service_slots"."ends_at" > "service_slots"."starts_at")
);
--> statement-breakpoint
ALTER TABLE "care_family_links" ADD CONSTRAINT "care_family_links_profile_id_care_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."care_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_complaints" ADD CONSTRAINT "service_complaints_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_offerings" ADD CONSTRAINT "service_offerings_provider_id_service_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."service_providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_offers" ADD CONSTRAINT "service_offers_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_profile_id_care_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."care_profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_provider_accounts" ADD CONSTRAINT "service_provider_accounts_provider_id_service_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."service_providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_provider_compounds" ADD CONSTRAINT "service_provider_compounds_provider_id_service_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."service_providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_qualifications" ADD CONSTRAINT "service_qualifications_provider_id_service_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."service_providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_ratings" ADD CONSTRAINT "service_ratings_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_slots" ADD CONSTRAINT "service_slots_offering_id_service_offerings_id_fk" FOREIGN KEY ("offering_id") REFERENCES "public"."service_offerings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "care_family_links_resident_idx" ON "care_family_links" USING btree ("resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "care_profiles_resident_uq" ON "care_profiles" USING btree ("resident_id") WHERE "care_profiles"."resident_id" is not null;--> statement-breakpoint
CREATE INDEX "care_profiles_community_idx" ON "care_profiles" USING btree ("community_code","id");--> statement-breakpoint
CREATE INDEX "care_profiles_compound_idx" ON "care_profiles" USING btree ("compound_id");--> statement-breakpoint
CREATE INDEX "care_profiles_household_idx" ON "care_profiles" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "service_complaints_order_idx" ON "service_complaints" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "service_complaints_community_idx" ON "service_complaints" USING btree ("community_code","status");--> statement-breakpoint
CREATE INDEX "service_offerings_provider_kind_idx" ON "service_offerings" USING btree ("provider_id","kind") WHERE "service_offerings"."active";--> statement-breakpoint
CREATE INDEX "service_offers_order_idx" ON "service_offers" USING btree ("order_id","offered_at");--> statement-breakpoint
CREATE INDEX "service_offers_provider_idx" ON "service_offers" USING btree ("provider_id","answer");--> statement-breakpoint
CREATE UNIQUE INDEX "service_offers_one_pending_uq" ON "service_offers" USING btree ("order_id") WHERE "service_offers"."answer" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "service_orders_seq_uq" ON "service_orders" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "service_orders_community_idx" ON "service_orders" USING btree ("community_code","created_at");--> statement-breakpoint
CREATE INDEX "service_orders_compound_idx" ON "service_orders" USING btree ("compound_id","created_at");--> statement-breakpoint
CREATE INDEX "service_orders_provider_idx" ON "service_orders" USING btree ("provider_id","starts_at");--> statement-breakpoint
CREATE INDEX "service_orders_profile_idx" ON "service_orders" USING btree ("profile_id","created_at");--> statement-breakpoint
CREATE INDEX "service_orders_household_idx" ON "service_orders" USING btree ("household_id","created_at");--> statement-breakpoint
CREATE INDEX "service_orders_no_show_idx" ON "service_orders" USING btree ("ends_at") WHERE "service_orders"."status" = 'accepted';--> statement-breakpoint
CREATE INDEX "service_provider_accounts_provider_idx" ON "service_provider_accounts" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "service_provider_compounds_provider_idx" ON "service_provider_compounds" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "service_providers_community_idx" ON "service_providers" USING btree ("community_code");--> statement-breakpoint
CREATE INDEX "service_qualifications_provider_idx" ON "service_qualifications" USING btree ("provider_id","code");--> statement-breakpoint
CREATE INDEX "service_slots_offering_idx" ON "service_slots" USING btree ("offering_id","starts_at");