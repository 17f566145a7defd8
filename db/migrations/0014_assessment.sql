CREATE TABLE "assessment_entries" (
	"city_code" text NOT NULL,
	"year" integer NOT NULL,
	"district_code" text NOT NULL,
	"code" text NOT NULL,
	"points_hundredths" integer,
	"satisfied" integer,
	"answered" integer,
	"evidence" text NOT NULL,
	"entered_by" uuid,
	"entered_by_username" text NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_entries_city_code_year_district_code_code_pk" PRIMARY KEY("city_code","year","district_code","code")
);
--> statement-breakpoint
CREATE TABLE "assessment_publications" (
	"city_code" text NOT NULL,
	"year" integer NOT NULL,
	"scheme_version" text NOT NULL,
	"rules" jsonb NOT NULL,
	"snapshot" text NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assessment_publications_city_code_year_pk" PRIMARY KEY("city_code","year")
);
