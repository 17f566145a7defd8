CREATE TABLE "funding_totals" (
	"year" integer NOT NULL,
	"district_code" text NOT NULL,
	"source" text NOT NULL,
	"amount_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "funding_totals_year_district_code_source_pk" PRIMARY KEY("year","district_code","source")
);
