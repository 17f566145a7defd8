CREATE TABLE "circle_compound_needs" (
	"compound_id" uuid NOT NULL,
	"need" text NOT NULL,
	"reached" integer NOT NULL,
	"nearest_m" integer,
	"gap" boolean NOT NULL,
	"community_code" text NOT NULL,
	"subdistrict_code" text NOT NULL,
	"district_code" text NOT NULL,
	"city_code" text NOT NULL,
	"households" integer NOT NULL,
	"rules" text NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "circle_compound_needs_compound_id_need_pk" PRIMARY KEY("compound_id","need")
);
--> statement-breakpoint
CREATE TABLE "circle_facilities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"need" text NOT NULL,
	"kind" text NOT NULL,
	"latitude" numeric(8, 6) NOT NULL,
	"longitude" numeric(9, 6) NOT NULL,
	"division_code" text NOT NULL,
	"address" text,
	"hours" jsonb,
	"capacity" integer,
	"operator" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plate_allowances" (
	"id" uuid PRIMARY KEY NOT NULL,
	"compound_id" uuid NOT NULL,
	"plate" text NOT NULL,
	"source" text NOT NULL,
	"source_id" uuid NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_snapshots" (
	"division" text NOT NULL,
	"year" integer NOT NULL,
	"day" date NOT NULL,
	"figures" jsonb NOT NULL,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stats_snapshots_division_year_day_pk" PRIMARY KEY("division","year","day")
);
--> statement-breakpoint
CREATE INDEX "circle_compound_needs_community_idx" ON "circle_compound_needs" USING btree ("community_code");--> statement-breakpoint
CREATE INDEX "circle_compound_needs_subdistrict_idx" ON "circle_compound_needs" USING btree ("subdistrict_code");--> statement-breakpoint
CREATE INDEX "circle_compound_needs_district_idx" ON "circle_compound_needs" USING btree ("district_code");--> statement-breakpoint
CREATE INDEX "circle_compound_needs_city_idx" ON "circle_compound_needs" USING btree ("city_code");--> statement-breakpoint
CREATE INDEX "circle_facilities_place_idx" ON "circle_facilities" USING btree ("latitude","longitude");--> statement-breakpoint
CREATE INDEX "circle_facilities_division_idx" ON "circle_facilities" USING btree ("division_code","id");--> statement-breakpoint
CREATE INDEX "circle_facilities_need_idx" ON "circle_facilities" USING btree ("need","id");--> statement-breakpoint
CREATE UNIQUE INDEX "circle_facilities_natural_uq" ON "circle_facilities" USING btree ("kind","name","latitude","longitude");--> statement-breakpoint
CREATE UNIQUE INDEX "plate_allowances_source_uq" ON "plate_allowances" USING btree ("source","source_id");--> statement-breakpoint
CREATE INDEX "plate_allowances_compound_idx" ON "plate_allowances" USING btree ("compound_id","valid_until");