CREATE SEQUENCE "public"."service_order_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "community_bookings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"canteen_id" uuid NOT NULL,
	"menu_id" uuid NOT NULL,
	"date" date NOT NULL,
	"meal" text NOT NULL,
	"resident_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"compound_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"items" jsonb NOT NULL,
	"total_fen" integer NOT NULL,
	"subsidy_fen" integer NOT NULL,
	"pay_fen" integer NOT NULL,
	"subsidy_rule_version" text NOT NULL,
	"subsidy_reasons" jsonb NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "community_canteens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_code" text NOT NULL,
	"compound_id" uuid,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "community_diners" (
	"resident_id" uuid PRIMARY KEY NOT NULL,
	"birth_date" date,
	"lives_alone" boolean DEFAULT false NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "community_menus" (
	"id" uuid PRIMARY KEY NOT NULL,
	"canteen_id" uuid NOT NULL,
	"date" date NOT NULL,
	"meal" text NOT NULL,
	"capacity" integer NOT NULL,
	"dishes" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "community_notice_reads" (
	"notice_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_notice_reads_notice_id_resident_id_pk" PRIMARY KEY("notice_id","resident_id")
);
--> statement-breakpoint
CREATE TABLE "community_notices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"compound_id" uuid NOT NULL,
	"community_code" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"building_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"published_by" uuid NOT NULL,
	"publisher_role" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "community_offers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"shop_id" uuid NOT NULL,
	"title" text NOT NULL,
	"price_fen" integer,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "community_screens" (
	"compound_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"rotated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rotated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "community_shops" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_code" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"address" text NOT NULL,
	"phone" text,
	"latitude" text NOT NULL,
	"longitude" text NOT NULL,
	"hours" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "space_grant_deliveries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"grant_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"services" integer NOT NULL,
	"beneficiaries" integer NOT NULL,
	"summary" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "space_grant_deliveries_period_ck" CHECK ("space_grant_deliveries"."period_end" >= "space_grant_deliveries"."period_start"),
	CONSTRAINT "space_grant_deliveries_counts_ck" CHECK ("space_grant_deliveries"."services" >= 0 and "space_grant_deliveries"."beneficiaries" >= 0)
);
--> statement-breakpoint
CREATE TABLE "space_grant_reliefs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"grant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"basis" text NOT NULL,
	"granted_on" date NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "space_grant_reliefs_amount_ck" CHECK ("space_grant_reliefs"."amount_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "property_subsidies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"compound_id" uuid NOT NULL,
	"month" text NOT NULL,
	"project_id" uuid NOT NULL,
	"property_company_id" uuid NOT NULL,
	"district_code" text NOT NULL,
	"subdistrict_code" text NOT NULL,
	"community_code" text NOT NULL,
	"floor_area_m2" numeric(14, 2) NOT NULL,
	"cap_fen" bigint NOT NULL,
	"amount_fen" bigint NOT NULL,
	"rule_version" text NOT NULL,
	"status" text DEFAULT 'applied' NOT NULL,
	"applied_by" uuid,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"disbursement_id" uuid,
	"disbursed_at" timestamp with time zone,
	CONSTRAINT "property_subsidies_month_ck" CHECK ("property_subsidies"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "property_subsidies_within_cap_ck" CHECK ("property_subsidies"."amount_fen" > 0 and "property_subsidies"."amount_fen" <= "property_subsidies"."cap_fen")
);
--> statement-breakpoint
CREATE TABLE "public_spaces" (
	"id" uuid PRIMARY KEY NOT NULL,
	"compound_id" uuid NOT NULL,
	"community_code" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"area_m2" numeric(12, 2),
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "space_grants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"space_id" uuid NOT NULL,
	"community_code" text NOT NULL,
	"operator_name" text NOT NULL,
	"operator_credit_code" text,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"fee_fen" bigint NOT NULL,
	"concession_fen" bigint DEFAULT 0 NOT NULL,
	"terms" text,
	"status" text DEFAULT 'active' NOT NULL,
	"reminded_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "space_grants_dates_ck" CHECK ("space_grants"."ends_on" >= "space_grants"."starts_on"),
	CONSTRAINT "space_grants_fee_ck" CHECK ("space_grants"."fee_fen" >= 0 and "space_grants"."concession_fen" >= 0 and "space_grants"."concession_fen" <= "space_grants"."fee_fen")
);
--> statement-breakpoint
CREATE TABLE "parking_passes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"compound_id" uuid NOT NULL,
	"plate" text NOT NULL,
	"month" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"method" text NOT NULL,
	"reference" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parking_payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"compound_id" uuid NOT NULL,
	"amount_fen" integer NOT NULL,
	"method" text NOT NULL,
	"reference" text NOT NULL,
	"paid_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid
);
--> statement-breakpoint
CREATE TABLE "parking_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"compound_id" uuid NOT NULL,
	"plate" text NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"exited_at" timestamp with time zone,
	"entry_event" text NOT NULL,
	"exit_event" text,
	"fee_fen" integer,
	"tariff_version" text,
	"fee_detail" jsonb,
	"paid_fen" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parking_spaces" (
	"id" uuid PRIMARY KEY NOT NULL,
	"compound_id" uuid NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"household_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "access_credentials" (
	"id" uuid PRIMARY KEY NOT NULL,
	"compound_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compound_access_keys" (
	"compound_id" uuid PRIMARY KEY NOT NULL,
	"public_key" text NOT NULL,
	"private_key_sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "passage_lists" (
	"compound_id" uuid NOT NULL,
	"list" text NOT NULL,
	"version" integer NOT NULL,
	"entries" integer NOT NULL,
	"devices" integer DEFAULT 0 NOT NULL,
	"pushed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "passage_lists_compound_id_list_pk" PRIMARY KEY("compound_id","list")
);
--> statement-breakpoint
CREATE TABLE "vehicles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"compound_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"plate" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "visitor_passes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"compound_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"host_resident_id" uuid,
	"requested_by" text NOT NULL,
	"created_by" uuid,
	"visitor_name_sealed" text NOT NULL,
	"visitor_name_masked" text NOT NULL,
	"plate" text,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"entry" text NOT NULL,
	"status" text NOT NULL,
	"entries" integer DEFAULT 0 NOT NULL,
	"decided_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "repair_follow_ups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"repair_id" uuid NOT NULL,
	"caller_id" uuid NOT NULL,
	"called_at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"note" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "repair_photos" (
	"id" uuid PRIMARY KEY NOT NULL,
	"repair_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"position" integer NOT NULL,
	"sha256" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "repair_ratings" (
	"repair_id" uuid NOT NULL,
	"stars" integer NOT NULL,
	"comment" text,
	"rated_by" uuid NOT NULL,
	"rated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "repair_ratings_repair_id_pk" PRIMARY KEY("repair_id"),
	CONSTRAINT "repair_ratings_stars_ck" CHECK ("repair_ratings"."stars" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "repair_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"repair_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"actor_id" uuid,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "repairs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"compound_id" uuid NOT NULL,
	"community_code" text NOT NULL,
	"household_id" uuid NOT NULL,
	"filed_by" uuid NOT NULL,
	"category" text NOT NULL,
	"rule_version" text NOT NULL,
	"description" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"work_order_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"assignee_id" uuid,
	"overdue_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"completion_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
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
ALTER TABLE "community_bookings" ADD CONSTRAINT "community_bookings_menu_id_community_menus_id_fk" FOREIGN KEY ("menu_id") REFERENCES "public"."community_menus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_menus" ADD CONSTRAINT "community_menus_canteen_id_community_canteens_id_fk" FOREIGN KEY ("canteen_id") REFERENCES "public"."community_canteens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_notice_reads" ADD CONSTRAINT "community_notice_reads_notice_id_community_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."community_notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_offers" ADD CONSTRAINT "community_offers_shop_id_community_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."community_shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_grant_deliveries" ADD CONSTRAINT "space_grant_deliveries_grant_id_space_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."space_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_grant_reliefs" ADD CONSTRAINT "space_grant_reliefs_grant_id_space_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."space_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_grants" ADD CONSTRAINT "space_grants_space_id_public_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."public_spaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parking_payments" ADD CONSTRAINT "parking_payments_session_id_parking_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."parking_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_follow_ups" ADD CONSTRAINT "repair_follow_ups_repair_id_repairs_id_fk" FOREIGN KEY ("repair_id") REFERENCES "public"."repairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_photos" ADD CONSTRAINT "repair_photos_repair_id_repairs_id_fk" FOREIGN KEY ("repair_id") REFERENCES "public"."repairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_ratings" ADD CONSTRAINT "repair_ratings_repair_id_repairs_id_fk" FOREIGN KEY ("repair_id") REFERENCES "public"."repairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_steps" ADD CONSTRAINT "repair_steps_repair_id_repairs_id_fk" FOREIGN KEY ("repair_id") REFERENCES "public"."repairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
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
CREATE UNIQUE INDEX "community_bookings_one_uq" ON "community_bookings" USING btree ("menu_id","resident_id") WHERE "community_bookings"."status" = 'booked';--> statement-breakpoint
CREATE INDEX "community_bookings_day_idx" ON "community_bookings" USING btree ("canteen_id","date");--> statement-breakpoint
CREATE INDEX "community_bookings_resident_idx" ON "community_bookings" USING btree ("resident_id","date");--> statement-breakpoint
CREATE INDEX "community_canteens_community_idx" ON "community_canteens" USING btree ("community_code");--> statement-breakpoint
CREATE UNIQUE INDEX "community_menus_uq" ON "community_menus" USING btree ("canteen_id","date","meal");--> statement-breakpoint
CREATE INDEX "community_notices_compound_idx" ON "community_notices" USING btree ("compound_id","published_at");--> statement-breakpoint
CREATE INDEX "community_offers_shop_idx" ON "community_offers" USING btree ("shop_id","valid_until");--> statement-breakpoint
CREATE INDEX "community_shops_community_idx" ON "community_shops" USING btree ("community_code");--> statement-breakpoint
CREATE UNIQUE INDEX "space_grant_deliveries_period_uq" ON "space_grant_deliveries" USING btree ("grant_id","period_start");--> statement-breakpoint
CREATE INDEX "space_grant_reliefs_grant_idx" ON "space_grant_reliefs" USING btree ("grant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "property_subsidies_compound_month_uq" ON "property_subsidies" USING btree ("compound_id","month");--> statement-breakpoint
CREATE INDEX "property_subsidies_month_district_idx" ON "property_subsidies" USING btree ("month","district_code");--> statement-breakpoint
CREATE INDEX "public_spaces_community_idx" ON "public_spaces" USING btree ("community_code","compound_id");--> statement-breakpoint
CREATE UNIQUE INDEX "public_spaces_name_uq" ON "public_spaces" USING btree ("compound_id","name");--> statement-breakpoint
CREATE INDEX "space_grants_space_idx" ON "space_grants" USING btree ("space_id","starts_on");--> statement-breakpoint
CREATE INDEX "space_grants_ends_idx" ON "space_grants" USING btree ("ends_on");--> statement-breakpoint
CREATE UNIQUE INDEX "parking_passes_uq" ON "parking_passes" USING btree ("compound_id","plate","month");--> statement-breakpoint
CREATE UNIQUE INDEX "parking_payments_reference_uq" ON "parking_payments" USING btree ("compound_id","reference");--> statement-breakpoint
CREATE INDEX "parking_payments_session_idx" ON "parking_payments" USING btree ("session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "parking_sessions_open_uq" ON "parking_sessions" USING btree ("compound_id","plate") WHERE "parking_sessions"."exited_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "parking_sessions_entry_uq" ON "parking_sessions" USING btree ("entry_event");--> statement-breakpoint
CREATE INDEX "parking_sessions_compound_idx" ON "parking_sessions" USING btree ("compound_id","entered_at");--> statement-breakpoint
CREATE UNIQUE INDEX "parking_spaces_code_uq" ON "parking_spaces" USING btree ("compound_id","code");--> statement-breakpoint
CREATE INDEX "access_credentials_resident_idx" ON "access_credentials" USING btree ("resident_id","expires_at");--> statement-breakpoint
CREATE INDEX "access_credentials_revoked_idx" ON "access_credentials" USING btree ("compound_id","expires_at") WHERE "access_credentials"."revoked_at" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "vehicles_plate_uq" ON "vehicles" USING btree ("compound_id","plate") WHERE "vehicles"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "vehicles_household_idx" ON "vehicles" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "visitor_passes_household_idx" ON "visitor_passes" USING btree ("household_id","created_at");--> statement-breakpoint
CREATE INDEX "visitor_passes_compound_idx" ON "visitor_passes" USING btree ("compound_id","valid_until");--> statement-breakpoint
CREATE INDEX "repair_follow_ups_repair_idx" ON "repair_follow_ups" USING btree ("repair_id","called_at");--> statement-breakpoint
CREATE UNIQUE INDEX "repair_photos_position_uq" ON "repair_photos" USING btree ("repair_id","stage","position");--> statement-breakpoint
CREATE INDEX "repair_steps_repair_idx" ON "repair_steps" USING btree ("repair_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "repairs_work_order_uq" ON "repairs" USING btree ("work_order_id");--> statement-breakpoint
CREATE INDEX "repairs_community_idx" ON "repairs" USING btree ("community_code","created_at","id");--> statement-breakpoint
CREATE INDEX "repairs_compound_idx" ON "repairs" USING btree ("compound_id","created_at","id");--> statement-breakpoint
CREATE INDEX "repairs_household_idx" ON "repairs" USING btree ("household_id","created_at","id");--> statement-breakpoint
CREATE INDEX "repairs_due_idx" ON "repairs" USING btree ("due_at") WHERE "repairs"."status" in ('open', 'assigned', 'in_progress') and "repairs"."overdue_at" is null;--> statement-breakpoint
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
CREATE INDEX "service_slots_offering_idx" ON "service_slots" USING btree ("offering_id","starts_at");--> statement-breakpoint
-- Hand-written (drizzle cannot declare exclusion constraints): two active grants of one public space never overlap
-- (both days of a grant included). btree_gist lets a GiST index compare the uuid by equality beside the date range.
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
ALTER TABLE "space_grants" ADD CONSTRAINT "space_grants_no_overlap" EXCLUDE USING gist ("space_id" WITH =, daterange("starts_on", "ends_on", '[]') WITH &&) WHERE ("status" = 'active');
--> statement-breakpoint
-- Hand-written: the shipped rule was renamed property.subsidy_cap_per_m2_month (issue 14's contract names it); the
-- old key was never read by any code, so an existing database drops it rather than list a rule without a name.
DELETE FROM "policy_rules" WHERE "key" = 'property.subsidy_max_per_m2_month';
