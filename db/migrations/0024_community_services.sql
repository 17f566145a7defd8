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
ALTER TABLE "community_bookings" ADD CONSTRAINT "community_bookings_menu_id_community_menus_id_fk" FOREIGN KEY ("menu_id") REFERENCES "public"."community_menus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_menus" ADD CONSTRAINT "community_menus_canteen_id_community_canteens_id_fk" FOREIGN KEY ("canteen_id") REFERENCES "public"."community_canteens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_notice_reads" ADD CONSTRAINT "community_notice_reads_notice_id_community_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."community_notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_offers" ADD CONSTRAINT "community_offers_shop_id_community_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."community_shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "community_bookings_one_uq" ON "community_bookings" USING btree ("menu_id","resident_id") WHERE "community_bookings"."status" = 'booked';--> statement-breakpoint
CREATE INDEX "community_bookings_day_idx" ON "community_bookings" USING btree ("canteen_id","date");--> statement-breakpoint
CREATE INDEX "community_bookings_resident_idx" ON "community_bookings" USING btree ("resident_id","date");--> statement-breakpoint
CREATE INDEX "community_canteens_community_idx" ON "community_canteens" USING btree ("community_code");--> statement-breakpoint
CREATE UNIQUE INDEX "community_menus_uq" ON "community_menus" USING btree ("canteen_id","date","meal");--> statement-breakpoint
CREATE INDEX "community_notices_compound_idx" ON "community_notices" USING btree ("compound_id","published_at");--> statement-breakpoint
CREATE INDEX "community_offers_shop_idx" ON "community_offers" USING btree ("shop_id","valid_until");--> statement-breakpoint
CREATE INDEX "community_shops_community_idx" ON "community_shops" USING btree ("community_code");